import { ServerStartError, startServer } from '../../../src/server.bootstrap.js';
import { startConfigProblem } from '../../../src/startup/start-config.check.js';
import { startWorkerProcess, WorkerStartError } from '../../../src/worker.bootstrap.js';
import { testConfig } from '../../helpers/test-config.js';

/**
 * Model kinds the configuration names for the first start and for retrains without `kinds`
 * (`forecasting.defaultModel`, `forecasting.priceModels`) are checked before the API or a worker
 * starts: an unknown one stops it with one line, instead of every such job failing later.
 */
describe('configured model kinds, checked at start', () => {
  it('stops the API on an unknown default model, naming the setting and the known kinds', async () => {
    const started = startServer({ forecasting: { defaultModel: 'prophet' } });
    await expect(started).rejects.toBeInstanceOf(ServerStartError);
    const err = (await started.catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^forecasting\.defaultModel: unknown model kind\(s\) prophet; known kinds: seasonal-naive, .*ensemble/,
    );
    expect(err.message).not.toContain('\n');
  });

  it('stops a worker on an unknown price model', async () => {
    const started = startWorkerProcess({
      config: testConfig({ forecasting: { priceModels: ['linear', 'arima'] } }),
      handleSignals: false,
    });
    await expect(started).rejects.toBeInstanceOf(WorkerStartError);
    expect(((await started.catch((e: unknown) => e)) as Error).message).toMatch(
      /^forecasting\.priceModels: unknown model kind\(s\) arima; known kinds: /,
    );
  });

  it('passes the shipped defaults and any known kinds', async () => {
    expect(await startConfigProblem(testConfig())).toBeUndefined();
    expect(
      await startConfigProblem(
        testConfig({ forecasting: { defaultModel: 'gbt', priceModels: [] } }),
      ),
    ).toBeUndefined();
  });
});
