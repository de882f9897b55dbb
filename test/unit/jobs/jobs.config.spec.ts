import { defaultJobsConfig, jobsConfigSchema } from '../../../src/config/jobs.config.js';

describe('jobs config', () => {
  it('has a default for every key', () => {
    const c = defaultJobsConfig();
    expect(c).toMatchObject({
      prefix: 'freshcast',
      shutdownGraceMs: 30_000,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxStalledCount: 1,
      schedules: [],
      retention: {},
      concurrencyByName: {},
    });
    expect(c.concurrency).toBeUndefined();
  });

  it('reads values given as environment strings', () => {
    const c = jobsConfigSchema.parse({
      concurrency: '4',
      shutdownGraceMs: '5000',
      processNames: ['train'],
    });
    expect(c.concurrency).toBe(4);
    expect(c.shutdownGraceMs).toBe(5000);
    expect(c.processNames).toEqual(['train']);
  });

  it('checks schedules', () => {
    const ok = jobsConfigSchema.parse({
      schedules: [
        { id: 'nightly-train', name: 'train', cron: '0 3 * * *', payload: { kind: 'mlp' } },
      ],
    });
    expect(ok.schedules[0]).toMatchObject({ name: 'train', cron: '0 3 * * *' });
    const bad = jobsConfigSchema.safeParse({
      schedules: [{ id: 'Nightly', name: 'retrain', cron: '0 3 * *' }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['schedules.0.id', 'schedules.0.name', 'schedules.0.cron']);
    expect(jobsConfigSchema.safeParse({ prefix: 'a:b' }).success).toBe(false);
  });
});
