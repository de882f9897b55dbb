import type { TrainResult } from '../../jobs/job-payloads.js';
import { metric, renderTable, shortTime } from '../commands/models-table.format.js';
import type { JobInfo } from './jobs-client.js';

/** `45% fit`, `100%`, `0%`. */
export function progressCell(job: JobInfo): string {
  const pct = `${Math.round(job.progress)}%`;
  return job.stage === null || job.state === 'completed' ? pct : `${pct} ${job.stage}`;
}

const time = (iso: string | null): string => (iso === null ? '-' : shortTime(iso));

export function renderJobTable(jobs: readonly JobInfo[]): string {
  if (jobs.length === 0) return 'no jobs\n';
  return renderTable(
    ['ID', 'NAME', 'STATE', 'PROGRESS', 'ATTEMPTS', 'CREATED'],
    jobs.map((j) => [
      j.id,
      j.name,
      j.state,
      progressCell(j),
      `${j.attempts}/${j.maxAttempts}`,
      time(j.createdAt),
    ]),
  );
}

/** A job as the admin route shows it (snake_case): what `--json` prints, whatever the transport. */
export function jobJson(job: JobInfo): Record<string, unknown> {
  return {
    job_id: job.id,
    name: job.name,
    state: job.state,
    progress: job.progress,
    stage: job.stage,
    progress_detail: job.progressDetail,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    payload: job.payload,
    result: job.result,
    result_pointer: job.resultPointer,
    error: job.error,
    created_at: job.createdAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
  };
}

/** The human view of one job: one `label  value` line per field. */
export function renderJobDetails(job: JobInfo): string {
  const rows: [string, string][] = [
    ['id', job.id],
    ['name', job.name],
    ['state', job.state],
    ['progress', progressCell(job)],
    ['attempts', `${job.attempts}/${job.maxAttempts}`],
    ['created', time(job.createdAt)],
    ['started', time(job.startedAt)],
    ['finished', time(job.finishedAt)],
  ];
  if (job.progressDetail !== null) rows.push(['detail', JSON.stringify(job.progressDetail)]);
  if (job.error !== null) rows.push(['error', job.error]);
  if (job.payload !== null) rows.push(['payload', JSON.stringify(job.payload)]);
  if (job.resultPointer !== null) rows.push(['result', `stored at ${job.resultPointer}`]);
  else if (job.result !== null) rows.push(['result', JSON.stringify(job.result)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join('');
}

/** What a finished `train` job did: candidates vs seasonal naive, the chosen version, promotion. */
export function renderTrainSummary(result: TrainResult): string {
  const table = renderTable(
    ['VERSION', 'KIND', 'WAPE', 'SNAIVE WAPE', 'COVERAGE', 'EPOCHS', 'FIT'],
    result.candidates.map((c) => [
      c.modelVersion,
      c.kind,
      metric(c.backtest.model.wape),
      metric(c.backtest.seasonalNaive.wape),
      metric(c.backtest.model.coverage),
      String(c.fit.epochs),
      `${c.fit.seconds.toFixed(1)}s`,
    ]),
  );
  const lines = [
    `trained ${result.candidates.length} candidate(s) for ${result.target}:`,
    table.trimEnd(),
    `chosen: ${result.modelVersion} (${result.stage})`,
  ];
  if (result.promoted) {
    lines.push(`promoted to prod (previous prod: ${result.previousProd ?? 'none'})`);
  } else if (result.gateFailures.length > 0) {
    lines.push(`not promoted: failed gates: ${result.gateFailures.join('; ')}`);
  } else {
    lines.push(`not promoted (prod stays ${result.previousProd ?? 'empty'})`);
  }
  return lines.join('\n') + '\n';
}
