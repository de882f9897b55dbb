import type { Forecaster } from '../../../src/forecasting/forecast.types.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { ServedModel } from '../../../src/serving/served-model.js';

async function served(): Promise<{ model: ServedModel; disposals: () => number }> {
  const forecaster: Forecaster = await createForecaster('seasonal-naive');
  let count = 0;
  const dispose = forecaster.dispose.bind(forecaster);
  forecaster.dispose = () => {
    count++;
    dispose();
  };
  const model = new ServedModel(
    'm1',
    'quantity',
    7,
    forecaster,
    new Map(),
    'now',
    'fp',
    'computed',
  );
  return { model, disposals: () => count };
}

describe('ServedModel reference counting', () => {
  it('is disposed at once when retired with no request in flight', async () => {
    const { model, disposals } = await served();
    model.retire();
    expect(model.isDisposed).toBe(true);
    expect(disposals()).toBe(1);
  });

  it('waits for the last request in flight before disposing, and only once', async () => {
    const { model, disposals } = await served();
    model.acquire();
    model.acquire();
    model.retire();
    expect(model.isDisposed).toBe(false);
    model.release();
    expect(model.isDisposed).toBe(false);
    model.release();
    expect(model.isDisposed).toBe(true);
    expect(disposals()).toBe(1);
    expect(() => model.acquire()).toThrow(/disposed/);
  });

  it('is never disposed while it is still served', async () => {
    const { model } = await served();
    model.acquire();
    model.release();
    expect(model.isDisposed).toBe(false);
    expect(model.requestsInFlight).toBe(0);
  });
});
