import { scheduledPayloadsProblem } from '../../../src/jobs/processors/scheduled-payloads.check.js';
import { ServerStartError, startServer } from '../../../src/server.bootstrap.js';
import { startWorkerProcess, WorkerStartError } from '../../../src/worker.bootstrap.js';
import { testConfig } from '../../helpers/test-config.js';

const nightly = (name: string, payload: Record<string, unknown>) => ({
  jobs: { schedules: [{ id: 'nightly', name, cron: '0 3 * * *', payload }] },
});

/**
 * Scheduled jobs (config `jobs.schedules`) are checked at start as a submission is: a train or
 * backtest whose kinds or params its job would refuse stops the API and the worker with one line
 * naming the schedule, instead of a job failing each time the schedule fires.
 */
describe('scheduled train and backtest payloads, checked at start', () => {
  it('stops the API on params a scheduled train would refuse, naming the schedule and the param', async () => {
    const started = startServer(nightly('train', { kinds: ['transformer'], params: { heads: 3 } }));
    await expect(started).rejects.toBeInstanceOf(ServerStartError);
    const err = (await started.catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      "jobs.schedules.0 (nightly): payload.params: transformer: param 'dModel' (32) must be a multiple of 'heads' (3)",
    );
    expect(err.message).not.toContain('\n');
  });

  it('stops a worker on an unknown kind or an ensemble member the kind refuses', async () => {
    const unknown = startWorkerProcess({
      config: testConfig(nightly('train', { kinds: ['prophet'] })),
      handleSignals: false,
    });
    await expect(unknown).rejects.toBeInstanceOf(WorkerStartError);
    expect(((await unknown.catch((e: unknown) => e)) as Error).message).toMatch(
      /^jobs\.schedules\.0 \(nightly\): unknown model kind\(s\) prophet; known kinds: seasonal-naive/,
    );
    const member = startWorkerProcess({
      config: testConfig(
        nightly('backtest', {
          kind: 'ensemble',
          params: { members: [{ kind: 'linear' }, { kind: 'lstm', params: { steps: 10 } }] },
        }),
      ),
      handleSignals: false,
    });
    expect(((await member.catch((e: unknown) => e)) as Error).message).toMatch(
      /^jobs\.schedules\.0 \(nightly\): payload\.params\.members\.1\.params: lstm: param 'patch' \(7\)/,
    );
  });

  it('passes schedules their jobs take: the default kind, params every kind takes, other jobs', async () => {
    const config = testConfig({
      jobs: {
        schedules: [
          { id: 'a', name: 'train', cron: '0 3 * * *', payload: {} },
          {
            id: 'b',
            name: 'train',
            cron: '0 4 * * *',
            payload: { kinds: ['mlp', 'lstm'], params: { lookback: 56, epochs: 3 } },
          },
          { id: 'c', name: 'backtest', cron: '0 5 * * *', payload: { model: 'prod' } },
          { id: 'd', name: 'refresh-forecasts', cron: '30 5 * * *' },
        ],
      },
    });
    expect(await scheduledPayloadsProblem(config)).toBeUndefined();
  });
});
