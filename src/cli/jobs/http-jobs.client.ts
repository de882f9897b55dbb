import { CommandError } from '../cli.errors.js';
import type {
  BatchFormat,
  BatchRequest,
  JobInfo,
  JobListFilter,
  JobsClient,
  RetrainRequest,
  Submitted,
} from './jobs-client.js';
import {
  adminJobListSchema,
  adminJobSchema,
  cancelledSchema,
  jobInfoOf,
  publicJobSchema,
  submittedSchema,
} from './http-job.schemas.js';
import { FreshcastHttp } from './http-request.js';

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

function idempotency(key: string | undefined): Record<string, string> {
  return key === undefined ? {} : { [IDEMPOTENCY_HEADER]: key };
}

/** Drops the keys whose value is undefined (request bodies). */
function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** The `jobs` commands against a running freshcast (`--server URL` / FRESHCAST_SERVER). */
export class HttpJobsClient implements JobsClient {
  private readonly http: FreshcastHttp;

  constructor(baseUrl: string, apiKey: string | undefined) {
    this.http = new FreshcastHttp(baseUrl, apiKey);
  }

  get where(): string {
    return `server ${this.http.baseUrl}`;
  }

  async list(filter: JobListFilter): Promise<JobInfo[]> {
    const query = new URLSearchParams();
    if (filter.state !== undefined) query.set('state', filter.state);
    if (filter.name !== undefined) query.set('name', filter.name);
    if (filter.limit !== undefined) query.set('limit', String(filter.limit));
    const qs = query.toString();
    const path = `/admin/jobs${qs === '' ? '' : `?${qs}`}`;
    const body = await this.http.json({ method: 'GET', path, admin: true }, adminJobListSchema);
    return body.jobs.map(jobInfoOf);
  }

  async show(id: string): Promise<JobInfo> {
    const path = `/admin/jobs/${encodeURIComponent(id)}`;
    return jobInfoOf(await this.http.json({ method: 'GET', path, admin: true }, adminJobSchema));
  }

  async cancel(id: string): Promise<string> {
    const path = `/admin/jobs/${encodeURIComponent(id)}`;
    const body = await this.http.json({ method: 'DELETE', path, admin: true }, cancelledSchema);
    if (body.outcome === 'not-found') throw new CommandError(`no job ${id} (${this.where})`);
    return body.outcome;
  }

  async retrain(request: RetrainRequest, idempotencyKey?: string): Promise<Submitted> {
    const body = defined({
      target: request.target,
      models: request.models,
      time_budget_s: request.timeBudgetSec,
      tune_job: request.tuneJob,
      promote: request.promote,
    });
    const headers = idempotency(idempotencyKey);
    const call = { method: 'POST', path: '/admin/retrain', body, headers, admin: true } as const;
    const answer = await this.http.json(call, submittedSchema);
    return { id: answer.job_id, deduplicated: answer.deduplicated };
  }

  async batch(request: BatchRequest, idempotencyKey?: string): Promise<Submitted> {
    const body = defined({
      item_codes: request.itemCodes,
      all: request.all ? true : undefined,
      target: request.target,
      horizon: request.horizon,
      date: request.date,
      format: request.format,
      model: request.model,
    });
    const headers = idempotency(idempotencyKey);
    const call = { method: 'POST', path: '/predict/batch', body, headers } as const;
    const answer = await this.http.json(call, submittedSchema);
    return { id: answer.job_id, deduplicated: answer.deduplicated };
  }

  async batchStatus(id: string): Promise<JobInfo> {
    const path = `/predict/jobs/${encodeURIComponent(id)}`;
    const job = await this.http.json({ method: 'GET', path }, publicJobSchema);
    return jobInfoOf({ ...job, result: job.summary ?? null });
  }

  async batchResult(id: string, format: BatchFormat): Promise<string> {
    const path = `/predict/jobs/${encodeURIComponent(id)}/result?format=${format}`;
    const accept = format === 'csv' ? 'text/csv' : 'application/json';
    const answer = await this.http.call({ method: 'GET', path, headers: { accept } });
    if (format === 'csv') return answer.text;
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new CommandError(`GET ${path}: the server did not answer JSON`);
    }
    // Re-indented so that both transports print the same text.
    return `${JSON.stringify(body, null, 2)}\n`;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
