import {
  consumingCheck,
  asIndicator,
  modelsCheck,
  startupCheck,
  tfBackendCheck,
  type ReadinessCheck,
} from '../../../src/health/readiness.checks.js';

describe('readiness checks', () => {
  it('startup is up when the first-start job is over or disabled, down (with why) otherwise', async () => {
    const run = (enabled: boolean, phase: 'training' | 'ready' | 'failed') =>
      startupCheck(() => ({
        enabled,
        phase,
        error: phase === 'failed' ? 'disk full' : null,
      })).run();
    expect(await run(true, 'ready')).toEqual({ startup: { status: 'up', phase: 'ready' } });
    expect(await run(false, 'training')).toEqual({ startup: { status: 'up', phase: 'disabled' } });
    expect(await run(true, 'training')).toEqual({
      startup: {
        status: 'down',
        phase: 'training',
        message: 'first-start job still running (training)',
      },
    });
    expect((await run(true, 'failed')).startup.message).toBe('first-start job failed: disk full');
  });

  it('models names every required target without a served model', async () => {
    const served = new Map([['quantity', 'quantity-ets-20260101T000000Z-abcdef']]);
    const check = modelsCheck(['quantity', 'price'], (t) => served.get(t) ?? null);
    expect(await check.run()).toEqual({
      models: {
        status: 'down',
        serving: { quantity: 'quantity-ets-20260101T000000Z-abcdef' },
        message: 'no prod model serves price yet',
      },
    });
    expect((await modelsCheck([], () => null).run()).models.status).toBe('up');
  });

  it('reports a check that throws or hangs as down under its own name', async () => {
    const throwing: ReadinessCheck = {
      name: 'artifact_store',
      run: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const hanging: ReadinessCheck = { name: 'redis', run: () => new Promise(() => undefined) };
    expect(await asIndicator(throwing, 1000)()).toEqual({
      artifact_store: { status: 'down', message: 'ECONNREFUSED' },
    });
    expect(await asIndicator(hanging, 60)()).toEqual({
      redis: { status: 'down', message: 'timed out after 60 ms' },
    });
    expect(await tfBackendCheck(() => null).run()).toEqual({
      tf_backend: { status: 'down', message: 'tf backend not initialised' },
    });
  });

  it("consuming follows the worker's queue workers (down, with why, while starting or shutting down)", async () => {
    let processing = false;
    const check = consumingCheck(() => processing);
    expect(await check.run()).toEqual({
      consuming: { status: 'down', message: 'not taking jobs (starting or shutting down)' },
    });
    processing = true;
    expect(await check.run()).toEqual({ consuming: { status: 'up' } });
  });
});
