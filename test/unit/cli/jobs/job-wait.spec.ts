import { memoryIo } from '../../../../src/cli/cli-io.js';
import type { JobInfo } from '../../../../src/cli/jobs/jobs-client.js';
import { progressDetail, waitForJob } from '../../../../src/cli/jobs/job-wait.js';

const at = (state: string, progress: number, stage: string | null, error: string | null = null) =>
  ({
    id: 'train.1',
    name: 'train',
    state,
    progress,
    stage,
    progressDetail: null,
    attempts: state === 'delayed' ? 1 : 0,
    maxAttempts: 2,
    payload: null,
    result: null,
    resultPointer: null,
    error,
    createdAt: '2026-11-29T01:30:00.000Z',
    startedAt: null,
    finishedAt: null,
  }) satisfies JobInfo;

function sequence(states: JobInfo[]): { fetch: () => Promise<JobInfo>; calls: () => number } {
  let i = 0;
  return {
    fetch: () => Promise.resolve(states[Math.min(i++, states.length - 1)]),
    calls: () => i,
  };
}

describe('waitForJob', () => {
  it('polls until the job is final, showing stages on stderr', async () => {
    const io = memoryIo();
    const seq = sequence([
      at('waiting', 0, null),
      at('active', 30, 'fit'),
      at('delayed', 30, 'fit', 'out of memory'),
      at('active', 80, 'backtest'),
      at('completed', 100, 'register'),
    ]);
    const outcome = await waitForJob(seq.fetch, io, { label: 'train', intervalMs: 1 });
    expect(outcome.kind).toBe('finished');
    expect(outcome.job?.state).toBe('completed');
    expect(seq.calls()).toBe(5);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('train: 0/100 waiting for a worker');
    expect(io.stderr).toContain('train: 100/100 register');
    expect(io.stderr).toMatch(/train: done in \d+\.\ds completed\n$/);
  });

  it('stops waiting, without another poll, once its signal is aborted', async () => {
    const io = memoryIo();
    const controller = new AbortController();
    let calls = 0;
    const fetch = () => {
      calls++;
      setTimeout(() => controller.abort(), 20); // Ctrl-C during the pause between polls
      return Promise.resolve(at('active', 10 * calls, 'fit'));
    };
    const started = Date.now();
    const outcome = await waitForJob(fetch, io, {
      label: 'batch',
      intervalMs: 60_000,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome).toEqual({ kind: 'stopped', job: expect.objectContaining({ progress: 10 }) });
    expect(calls).toBe(1);
  });

  it('says why a job is not running', () => {
    expect(progressDetail(at('waiting', 0, null))).toBe('waiting for a worker');
    expect(progressDetail(at('delayed', 10, 'fit', 'boom'))).toBe(
      'retrying after attempt 1/2: boom',
    );
    expect(progressDetail(at('active', 10, 'fit'))).toBe('fit');
    expect(progressDetail(at('active', 10, null))).toBe('active');
  });
});
