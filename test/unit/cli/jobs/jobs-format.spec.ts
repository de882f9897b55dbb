import type { JobInfo } from '../../../../src/cli/jobs/jobs-client.js';
import {
  jobJson,
  progressCell,
  renderJobDetails,
  renderJobTable,
  renderTrainSummary,
} from '../../../../src/cli/jobs/jobs-table.format.js';
import type { TrainResult } from '../../../../src/jobs/job-payloads.js';

const job = (over: Partial<JobInfo> = {}): JobInfo => ({
  id: 'train.1',
  name: 'train',
  state: 'active',
  progress: 42.4,
  stage: 'fit',
  progressDetail: { epoch: 3 },
  attempts: 0,
  maxAttempts: 2,
  payload: { kinds: ['ets'], target: 'quantity', promote: true },
  result: null,
  resultPointer: null,
  error: null,
  createdAt: '2026-11-29T01:30:00.000Z',
  startedAt: '2026-11-29T01:30:05.000Z',
  finishedAt: null,
  ...over,
});

const candidate = (version: string, kind: string, wape: number) => ({
  modelVersion: version,
  kind,
  fit: { epochs: 12, finalLoss: 0.1, seconds: 3.25, samplesPerSec: 100 },
  backtest: {
    model: { wape, mase: 0.9, coverage: 0.78 },
    seasonalNaive: { wape: 0.41, mase: 1, coverage: null },
  },
});

describe('jobs formatting', () => {
  it('renders the job table with progress, stage and attempts', () => {
    const done = job({ id: 'batch-predict.2', name: 'batch-predict', state: 'completed' });
    const lines = renderJobTable([job(), { ...done, progress: 100 }])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATE\s+PROGRESS\s+ATTEMPTS\s+CREATED$/);
    expect(lines[1].split(/\s{2,}/)).toEqual([
      'train.1',
      'train',
      'active',
      '42% fit',
      '0/2',
      '2026-11-29 01:30:00Z',
    ]);
    expect(lines[2]).toContain('100%');
    expect(lines[2]).not.toContain('fit');
    expect(renderJobTable([])).toBe('no jobs\n');
    expect(progressCell(job({ stage: null, progress: 0 }))).toBe('0%');
  });

  it('prints the admin-route JSON shape and a details view', () => {
    expect(jobJson(job())).toMatchObject({
      job_id: 'train.1',
      max_attempts: 2,
      progress_detail: { epoch: 3 },
      result_pointer: null,
      created_at: '2026-11-29T01:30:00.000Z',
    });
    const details = renderJobDetails(job({ error: 'boom', resultPointer: 'jobs/x/result.json' }));
    expect(details).toMatch(/^id\s+train\.1$/m);
    expect(details).toMatch(/^error\s+boom$/m);
    expect(details).toMatch(/^payload\s+\{"kinds":\["ets"\]/m);
    expect(details).toMatch(/^result\s+stored at jobs\/x\/result\.json$/m);
    expect(details).toMatch(/^finished\s+-$/m);
  });

  it('summarises a training: candidates vs seasonal naive, chosen version, promotion', () => {
    const base: TrainResult = {
      target: 'quantity',
      candidates: [candidate('v-ets', 'ets', 0.3), candidate('v-mlp', 'mlp', 0.35)],
      modelVersion: 'v-ets',
      stage: 'prod',
      promoted: true,
      previousProd: 'v-old',
      gateFailures: [],
    };
    const promoted = renderTrainSummary(base);
    expect(promoted).toContain('trained 2 candidate(s) for quantity:');
    expect(promoted).toMatch(/^v-ets\s+ets\s+0\.3000\s+0\.4100\s+0\.7800\s+12\s+3\.3s$/m);
    expect(promoted).toContain('chosen: v-ets (prod)');
    expect(promoted).toContain('promoted to prod (previous prod: v-old)');

    const refused = renderTrainSummary({
      ...base,
      stage: 'staging',
      promoted: false,
      gateFailures: ['wape 0.30 > prod 0.25'],
    });
    expect(refused).toContain('not promoted: failed gates: wape 0.30 > prod 0.25');
    const notAsked = renderTrainSummary({ ...base, promoted: false, previousProd: null });
    expect(notAsked).toContain('not promoted (prod stays empty)');
  });
});
