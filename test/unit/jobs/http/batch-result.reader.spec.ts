import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchResultReader } from '../../../../src/jobs/http/batch-result.reader.js';
import { JobResultUnavailableError } from '../../../../src/jobs/http/job-http.errors.js';
import type { JobView } from '../../../../src/jobs/job-queue.port.js';
import type { BatchPredictResult } from '../../../../src/jobs/job-payloads.js';
import { storeJobResult } from '../../../../src/jobs/job-result.pointer.js';
import { DiskArtifactStore } from '../../../../src/storage/disk.driver.js';

const RESULT: BatchPredictResult = {
  modelVersion: 'quantity-ets-20230701T000000Z-ab12cd',
  target: 'quantity',
  horizon: 2,
  cutoff: '2023-06-30',
  seriesCount: 1,
  missing: [],
  forecasts: [
    {
      seriesId: 'a',
      dates: ['2023-07-01', '2023-07-02'],
      mean: [1.5, 2],
      quantiles: { p10: [1, 1.5], p50: [1.5, 2], p90: [2, 3] },
    },
  ],
};

function view(id: string, result: unknown, resultPointer: string | null): JobView {
  return {
    id,
    name: 'batch-predict',
    state: 'completed',
    progress: 100,
    stage: 'store',
    progressDetail: null,
    attempts: 1,
    maxAttempts: 3,
    payload: { target: 'quantity', model: 'prod', format: 'json' },
    result: result as BatchPredictResult | null,
    resultPointer,
    error: null,
    submittedBy: null,
    client: null,
    createdAt: '2026-11-29T02:00:00.000Z',
    startedAt: '2026-11-29T02:00:00.100Z',
    finishedAt: '2026-11-29T02:00:01.000Z',
  };
}

describe('BatchResultReader', () => {
  let root: string;
  let store: DiskArtifactStore;
  let reader: BatchResultReader;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fc-batch-reader-'));
    store = new DiskArtifactStore(root);
    reader = new BatchResultReader(store);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads an inline result', async () => {
    expect(await reader.read(view('batch-predict.1', RESULT, null))).toEqual(RESULT);
  });

  it('reads a result stored in the artifact store behind its pointer', async () => {
    const { pointer } = await storeJobResult(store, 'batch-predict', 'batch-predict.2', RESULT);
    expect(pointer).toBe('jobs/batch-predict/batch-predict.2/result.json');
    expect(await reader.read(view('batch-predict.2', null, pointer))).toEqual(RESULT);
  });

  it('answers job_result_unavailable when the stored result is gone or not a batch result', async () => {
    const gone = reader.read(view('batch-predict.3', null, 'jobs/batch-predict/none/result.json'));
    await expect(gone).rejects.toBeInstanceOf(JobResultUnavailableError);
    await expect(gone).rejects.toMatchObject({ status: 500, code: 'job_result_unavailable' });
    const { pointer } = await storeJobResult(store, 'batch-predict', 'batch-predict.4', {
      refreshed: [],
    });
    await expect(reader.read(view('batch-predict.4', null, pointer))).rejects.toBeInstanceOf(
      JobResultUnavailableError,
    );
    await expect(reader.read(view('batch-predict.5', null, null))).rejects.toBeInstanceOf(
      JobResultUnavailableError,
    );
  });
});
