import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_CATALOG } from '../../../src/jobs/job-catalog.js';
import { jobResultKey, storeJobResult } from '../../../src/jobs/job-result.pointer.js';
import { JobResultSweeper } from '../../../src/jobs/job-result.sweeper.js';
import { InProcessJobQueue } from '../../../src/jobs/in-process/in-process-job-queue.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { testConfig } from '../../helpers/test-app.factory.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Retention drops finished jobs from the queue; their stored results must go too. A real in-process
 * queue keeping one completed job, a batch-predict processor writing a result file to a real disk
 * store (as the real one does for large results), and the sweeper.
 */
describe('JobResultSweeper', () => {
  let root: string;
  let store: DiskArtifactStore;
  let queue: InProcessJobQueue;
  let release: () => void = () => undefined;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-sweep-'));
    store = new DiskArtifactStore(root);
    queue = new InProcessJobQueue({
      catalog: JOB_CATALOG,
      settings: jobRuntimeSettingsSchema.parse({
        retention: { completed: { ageSec: 3600, count: 1 } },
        concurrency: 4,
      }),
      logger: quiet,
    });
    queue.registerProcessor('batch-predict', async (ctx) => {
      const pointer = await storeJobResult(store, 'batch-predict', ctx.id, {
        big: 'x'.repeat(1000),
      });
      if (ctx.payload.seriesIds?.[0] === 'hold') await new Promise<void>((r) => (release = r));
      return pointer;
    });
  });
  afterEach(async () => {
    release();
    await queue.close({ graceMs: 1000 });
    rmSync(root, { recursive: true, force: true });
  });

  it('deletes the results of jobs retention dropped, and keeps those of kept, running or unknown jobs', async () => {
    await queue.startProcessing({ names: ['batch-predict'] });
    const ids: string[] = [];
    for (const horizon of [1, 2, 3]) {
      const { id } = await queue.add('batch-predict', { horizon });
      ids.push(id);
      await pollUntil('completed', async () => (await queue.get(id))?.state === 'completed');
    }
    const running = (await queue.add('batch-predict', { seriesIds: ['hold'] })).id;
    await pollUntil('result written', () => store.exists(jobResultKey('batch-predict', running)));
    const foreign = 'jobs/some-other-kind/x.1/result.json';
    await store.put(foreign, new Uint8Array([1]));
    // Retention kept only the newest completed job, but every result is still stored.
    expect(await queue.get(ids[0])).toBeNull();
    expect(await queue.get(ids[1])).toBeNull();
    expect(await store.list('jobs/')).toHaveLength(5);

    const sweeper = new JobResultSweeper(queue, store, testConfig());
    expect(await sweeper.sweep()).toBe(2);
    expect((await store.list('jobs/')).sort()).toEqual(
      [
        jobResultKey('batch-predict', ids[2]),
        jobResultKey('batch-predict', running),
        foreign,
      ].sort(),
    );
    expect(await sweeper.sweep()).toBe(0);
  });
});
