import { JOB_CATALOG } from '../../../src/jobs/job-catalog.js';
import { JOB_NAMES } from '../../../src/common/job-names.js';
import { jobsConfigSchema } from '../../../src/config/jobs.config.js';
import { monitoringConfigSchema } from '../../../src/config/monitoring.config.js';

describe('monitoring jobs in the catalogue', () => {
  it('can be scheduled like every job, with their payloads checked', () => {
    expect(JOB_NAMES).toEqual(expect.arrayContaining(['score-accuracy', 'check-drift']));
    const jobs = jobsConfigSchema.parse({
      schedules: [
        { id: 'nightly-accuracy', name: 'score-accuracy', cron: '15 6 * * *', tz: 'Asia/Shanghai' },
        {
          id: 'nightly-drift',
          name: 'check-drift',
          cron: '30 6 * * *',
          payload: { target: 'price' },
        },
      ],
    });
    expect(jobs.schedules.map((s) => s.name)).toEqual(['score-accuracy', 'check-drift']);
    expect(JOB_CATALOG['score-accuracy'].payload.parse({ asOf: '2023-07-01' })).toEqual({
      asOf: '2023-07-01',
    });
    expect(JOB_CATALOG['score-accuracy'].payload.safeParse({ asOf: 'yesterday' }).success).toBe(
      false,
    );
    expect(JOB_CATALOG['check-drift'].payload.safeParse({ target: 'bananas' }).success).toBe(false);
  });

  it('defaults to the usual PSI thresholds, a 20 % canary degradation and no webhook', () => {
    const c = monitoringConfigSchema.parse(undefined);
    expect(c.drift).toMatchObject({ psiWarn: 0.1, psiAlert: 0.25, bins: 10, recentDays: 28 });
    expect(c.canary).toMatchObject({ maxDegradation: 0.2, minScoredDays: 7, autoPromote: true });
    expect(c.alerts).toMatchObject({ webhooks: [], cooldownSec: 3600, attempts: 3 });
    expect(c.windows).toEqual([7, 28]);
    expect(
      monitoringConfigSchema.safeParse({ alerts: { webhooks: [{ url: 'not a url' }] } }).success,
    ).toBe(false);
    expect(
      monitoringConfigSchema.safeParse({ alerts: { rules: { coverage: { band: [0.9, 0.5] } } } })
        .success,
    ).toBe(false);
  });
});
