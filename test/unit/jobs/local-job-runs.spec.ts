import { LocalJobRuns } from '../../../src/jobs/local-job-runs.js';

describe('LocalJobRuns (the jobs this process ran)', () => {
  it('answers once per job run here and never for a job run elsewhere', () => {
    const runs = new LocalJobRuns();
    runs.started('a');
    runs.started('a'); // a second attempt here
    expect(runs.take('b')).toBe(false);
    expect(runs.take('a')).toBe(true);
    expect(runs.take('a')).toBe(false);
  });

  it('forgets the oldest ids past its bound', () => {
    const runs = new LocalJobRuns(2);
    runs.started('a');
    runs.started('b');
    runs.started('a'); // a retry makes it the newest
    runs.started('c');
    expect([runs.take('a'), runs.take('b'), runs.take('c')]).toEqual([true, false, true]);
  });
});
