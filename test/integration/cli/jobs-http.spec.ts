import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { jobCommands } from '../../../src/cli/commands/jobs.commands.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Answer {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
}
type Route = (req: Recorded) => Answer | undefined;

/** A stand-in freshcast server: records every request and answers with the contract's shapes. */
class FixtureServer {
  readonly requests: Recorded[] = [];
  routes: Route[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const rec: Recorded = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
        };
        this.requests.push(rec);
        const answer = this.routes.map((r) => r(rec)).find((a) => a !== undefined) ?? {
          status: 404,
          json: envelope('not_found', `Cannot ${rec.method} ${rec.url}`),
        };
        const type = answer.contentType ?? 'application/json; charset=utf-8';
        res.writeHead(answer.status, { 'content-type': type });
        res.end(answer.text ?? JSON.stringify(answer.json));
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

function envelope(error: string, message: string, details: unknown = null) {
  return { error, message, details, timestamp: new Date().toISOString(), request_id: 'req-1' };
}

const route =
  (method: string, url: string | RegExp, answer: (req: Recorded) => Answer): Route =>
  (req) =>
    req.method === method && (typeof url === 'string' ? req.url === url : url.test(req.url))
      ? answer(req)
      : undefined;

function adminJob(id: string, over: Record<string, unknown> = {}) {
  return {
    job_id: id,
    name: 'train',
    state: 'active',
    progress: 40,
    stage: 'fit',
    progress_detail: { epoch: 4 },
    attempts: 0,
    max_attempts: 2,
    payload: { kinds: ['ets'], target: 'quantity', promote: true },
    result: null,
    result_pointer: null,
    error: null,
    created_at: '2026-11-29T01:30:00.000Z',
    started_at: '2026-11-29T01:30:01.000Z',
    finished_at: null,
    ...over,
  };
}

const trainResult = {
  target: 'quantity',
  candidates: [
    {
      modelVersion: 'quantity-ets-v2',
      kind: 'ets',
      fit: { epochs: 1, finalLoss: null, seconds: 2.5, samplesPerSec: 10 },
      backtest: {
        model: { wape: 0.25, mase: 0.8, coverage: 0.81 },
        seasonalNaive: { wape: 0.4, mase: 1, coverage: null },
      },
    },
  ],
  modelVersion: 'quantity-ets-v2',
  stage: 'staging',
  promoted: false,
  previousProd: 'quantity-lstm-v1',
  gateFailures: ['wape 0.25 is not better than prod 0.22'],
};

describe('freshcast jobs … --server URL (HTTP transport against a fixture server)', () => {
  const fixture = new FixtureServer();
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, jobCommands({ env }), io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  beforeAll(async () => {
    await fixture.start();
    dir = await mkdtemp(join(tmpdir(), 'freshcast-cli-http-'));
  });
  afterAll(async () => {
    await fixture.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fixture.requests.length = 0;
    fixture.routes = [];
    // No REDIS_URL: the server is the only transport.
    env = { NODE_ENV: 'test', FRESHCAST_SERVER: fixture.url, FRESHCAST_API_KEY: 'env-key' };
  });

  it('lists jobs through GET /admin/jobs with the filters and the API key', async () => {
    fixture.routes = [
      route('GET', /^\/admin\/jobs(\?|$)/, () => ({
        status: 200,
        json: {
          jobs: [
            adminJob('train.2'),
            adminJob('batch-predict.1', {
              name: 'batch-predict',
              state: 'completed',
              progress: 100,
              attempts: 1,
              max_attempts: 3,
            }),
          ],
        },
      })),
    ];
    const res = await run(
      'jobs',
      'list',
      '--server',
      fixture.url,
      '--api-key',
      'flag-key',
      '--state',
      'active',
      '--name',
      'train',
      '--limit',
      '5',
    );
    expect(res.code).toBe(0);
    expect(fixture.requests).toHaveLength(1);
    expect(fixture.requests[0].url).toBe('/admin/jobs?state=active&name=train&limit=5');
    expect(fixture.requests[0].headers['x-api-key']).toBe('flag-key');
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[1].split(/\s{2,}/)).toEqual([
      'train.2',
      'train',
      'active',
      '40% fit',
      '0/2',
      '2026-11-29 01:30:00Z',
    ]);
    expect(lines[2].split(/\s{2,}/).slice(0, 5)).toEqual([
      'batch-predict.1',
      'batch-predict',
      'completed',
      '100%',
      '1/3',
    ]);

    const json = await run('jobs', 'list', '--json');
    expect(fixture.requests[1].url).toBe('/admin/jobs');
    expect(fixture.requests[1].headers['x-api-key']).toBe('env-key');
    const parsed = JSON.parse(json.stdout) as { jobs: unknown[] };
    expect(parsed.jobs[0]).toEqual(adminJob('train.2'));
  });

  it('shows and cancels a job through the admin routes', async () => {
    fixture.routes = [
      route('GET', '/admin/jobs/train.2', () => ({ status: 200, json: adminJob('train.2') })),
      route('DELETE', '/admin/jobs/train.2', () => ({
        status: 200,
        json: { job_id: 'train.2', outcome: 'cancelling' },
      })),
      route('DELETE', '/admin/jobs/train.9', () => ({
        status: 404,
        json: envelope('job_not_found', 'No job train.9'),
      })),
    ];
    const shown = await run('jobs', 'show', 'train.2', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(adminJob('train.2'));
    const human = await run('jobs', 'show', 'train.2');
    expect(human.stdout).toMatch(/^progress\s+40% fit$/m);
    expect(human.stdout).toMatch(/^detail\s+\{"epoch":4\}$/m);

    const cancelled = await run('jobs', 'cancel', 'train.2');
    expect(cancelled.stdout).toBe(
      'job train.2: cancelling: it is running and stops at its next checkpoint\n',
    );
    expect(fixture.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /admin/jobs/train.2',
      'GET /admin/jobs/train.2',
      'DELETE /admin/jobs/train.2',
    ]);
    const missing = await run('jobs', 'cancel', 'train.9');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('freshcast jobs cancel: No job train.9\n');
  });

  it('retrain --wait posts the request, follows the job and prints the training summary', async () => {
    let polls = 0;
    fixture.routes = [
      route('POST', '/admin/retrain', () => ({
        status: 202,
        json: { job_id: 'train.7', status_url: '/admin/jobs/train.7', deduplicated: false },
      })),
      route('GET', '/admin/jobs/train.7', () => {
        polls++;
        if (polls === 1)
          return {
            status: 200,
            json: adminJob('train.7', { state: 'waiting', progress: 0, stage: null }),
          };
        if (polls === 2) return { status: 200, json: adminJob('train.7', { stage: 'backtest' }) };
        return {
          status: 200,
          json: adminJob('train.7', { state: 'completed', progress: 100, result: trainResult }),
        };
      }),
    ];
    const res = await run(
      'jobs',
      'retrain',
      '--models',
      'ets,lstm',
      '--time-budget',
      '60',
      '--no-promote',
      '--idempotency-key',
      'nightly',
      '--wait',
    );
    expect(res.code).toBe(0);
    const post = fixture.requests[0];
    expect(post.method).toBe('POST');
    expect(post.body).toEqual({ models: ['ets', 'lstm'], time_budget_s: 60, promote: false });
    expect(post.headers['idempotency-key']).toBe('nightly');
    expect(post.headers['x-api-key']).toBe('env-key');
    expect(polls).toBe(3);
    expect(res.stdout.split('\n')[0]).toBe('train.7');
    expect(res.stdout).toMatch(
      /^quantity-ets-v2\s+ets\s+0\.2500\s+0\.4000\s+0\.8100\s+1\s+2\.5s$/m,
    );
    expect(res.stdout).toContain('chosen: quantity-ets-v2 (staging)');
    expect(res.stdout).toContain('not promoted: failed gates: wape 0.25 is not better than prod');
    expect(res.stderr).toContain(`queued train job train.7 (server ${fixture.url})`);
    expect(res.stderr).toContain('train: 0/100 waiting for a worker');
    expect(res.stderr).toMatch(/train: done in \d+\.\ds completed/);
  });

  it('retrain --wait exits 1 with the error of a failed job', async () => {
    fixture.routes = [
      route('POST', '/admin/retrain', () => ({
        status: 202,
        json: { job_id: 'train.8', status_url: '/admin/jobs/train.8', deduplicated: true },
      })),
      route('GET', '/admin/jobs/train.8', () => ({
        status: 200,
        json: adminJob('train.8', { state: 'failed', attempts: 2, error: 'no data for price' }),
      })),
    ];
    const res = await run('jobs', 'retrain', '--target', 'price', '--wait');
    expect(res.code).toBe(1);
    expect(fixture.requests[0].body).toEqual({ target: 'price', promote: true });
    expect(res.stderr).toContain('train job train.8 already exists (same idempotency key)');
    expect(res.stderr).toContain('freshcast jobs retrain: job train.8 failed: no data for price\n');
  });

  it('batch --wait polls the public status route and writes the CSV result to --out', async () => {
    let polls = 0;
    const csv = 'item_code,date,mean,p10,p50,p90\nA1,2026-11-29,1,0,1,2\nB2,2026-11-29,2,1,2,3\n';
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 202,
        json: {
          job_id: 'batch-predict.5',
          status_url: '/predict/jobs/batch-predict.5',
          result_url: '/predict/jobs/batch-predict.5/result',
          deduplicated: false,
        },
      })),
      route('GET', '/predict/jobs/batch-predict.5', () => {
        polls++;
        const done = polls > 1;
        return {
          status: 200,
          json: {
            job_id: 'batch-predict.5',
            name: 'batch-predict',
            state: done ? 'completed' : 'active',
            progress: done ? 100 : 50,
            stage: 'forecast',
            attempts: done ? 1 : 0,
            max_attempts: 3,
            created_at: '2026-11-29T01:30:00.000Z',
            started_at: '2026-11-29T01:30:01.000Z',
            finished_at: done ? '2026-11-29T01:30:03.000Z' : null,
            error: null,
            result_url: done ? '/predict/jobs/batch-predict.5/result' : null,
            summary: done ? { series_count: 2 } : null,
          },
        };
      }),
      route('GET', '/predict/jobs/batch-predict.5/result?format=csv', () => ({
        status: 200,
        text: csv,
        contentType: 'text/csv; charset=utf-8',
      })),
    ];
    env = { NODE_ENV: 'test' }; // no admin key needed for the public routes
    const out = join(dir, 'out.csv');
    const res = await run(
      'jobs',
      'batch',
      '--server',
      fixture.url,
      '--items',
      'A1,B2',
      '--target',
      'price',
      '--horizon',
      '14',
      '--date',
      '2026-11-28',
      '--model',
      'staging',
      '--format',
      'csv',
      '--wait',
      '--out',
      out,
    );
    expect(res.code).toBe(0);
    expect(fixture.requests[0].body).toEqual({
      item_codes: ['A1', 'B2'],
      target: 'price',
      horizon: 14,
      date: '2026-11-28',
      format: 'csv',
      model: 'staging',
    });
    expect(fixture.requests.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
    expect(fixture.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /predict/batch',
      'GET /predict/jobs/batch-predict.5',
      'GET /predict/jobs/batch-predict.5',
      'GET /predict/jobs/batch-predict.5/result?format=csv',
    ]);
    expect(await readFile(out, 'utf8')).toBe(csv);
    expect(res.stdout).toBe('batch-predict.5\n');
    expect(res.stderr).toContain(
      `batch job batch-predict.5: forecasts for 2 series (csv) → ${out}`,
    );
  });

  it('batch without --wait prints the job id and how to follow it', async () => {
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 202,
        json: { job_id: 'batch-predict.6', status_url: 's', result_url: 'r', deduplicated: false },
      })),
    ];
    const res = await run('jobs', 'batch', '--all', '--server', fixture.url);
    expect(res.code).toBe(0);
    expect(fixture.requests[0].body).toEqual({ all: true, format: 'json' });
    expect(fixture.requests[0].headers['idempotency-key']).toBeUndefined();
    expect(res.stdout).toBe('batch-predict.6\n');
    expect(res.stderr).toContain(
      `follow it with: freshcast jobs show batch-predict.6 --server ${fixture.url}`,
    );
    expect(res.stderr).toContain('then fetch the result: freshcast jobs result batch-predict.6');
  });

  it('shows the message (and field details) of an error envelope', async () => {
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 400,
        json: envelope('validation_failed', 'Invalid request body', [
          { field: 'item_codes.0', message: 'unknown item ZZZ' },
          { field: '', message: 'give item_codes or all' },
        ]),
      })),
      route('GET', '/predict/jobs/batch-predict.1/result?format=json', () => ({
        status: 409,
        json: envelope('job_not_finished', 'Job batch-predict.1 is still active'),
      })),
    ];
    const invalid = await run('jobs', 'batch', '--items', 'ZZZ');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      'freshcast jobs batch: Invalid request body: item_codes.0: unknown item ZZZ; give item_codes or all\n',
    );
    const early = await run('jobs', 'result', 'batch-predict.1');
    expect(early.code).toBe(1);
    expect(early.stderr).toBe('freshcast jobs result: Job batch-predict.1 is still active\n');
  });

  it('says how to give the admin key when an admin route answers 401 without one', async () => {
    fixture.routes = [
      route('GET', '/admin/jobs', (req) =>
        req.headers['x-api-key'] === undefined
          ? {
              status: 401,
              json: envelope(
                'unauthorized',
                'This route needs an admin API key in the x-api-key header',
              ),
            }
          : { status: 200, json: { jobs: [] } },
      ),
    ];
    env = { NODE_ENV: 'test', FRESHCAST_SERVER: fixture.url };
    const res = await run('jobs', 'list');
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'freshcast jobs list: This route needs an admin API key in the x-api-key header ' +
        '(pass --api-key KEY or set FRESHCAST_API_KEY)\n',
    );
    const ok = await run('jobs', 'list', '--api-key', 'k');
    expect(ok).toEqual({ code: 0, stdout: 'no jobs\n', stderr: '' });
  });

  it('names the URL when nothing listens there, and reports a non-JSON failure', async () => {
    const gone = new FixtureServer();
    await gone.start();
    await gone.stop();
    const refused = await run('jobs', 'list', '--server', gone.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `freshcast jobs list: cannot reach the freshcast server at ${gone.url} (ECONNREFUSED): ` +
        'is it running? (--server / FRESHCAST_SERVER)\n',
    );

    fixture.routes = [
      route('GET', '/admin/jobs/train.1', () => ({
        status: 502,
        text: '<html>Bad Gateway</html>',
        contentType: 'text/html',
      })),
    ];
    const proxy = await run('jobs', 'show', 'train.1', '--server', `${fixture.url}/`);
    expect(proxy.code).toBe(1);
    expect(proxy.stderr).toBe(
      'freshcast jobs show: GET /admin/jobs/train.1: the server answered HTTP 502\n',
    );
  });
});
