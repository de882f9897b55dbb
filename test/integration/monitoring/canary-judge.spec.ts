import { addDays } from '../../../src/data/dates.js';
import type { Forecast } from '../../../src/forecasting/forecast.types.js';
import { ActualsStore } from '../../../src/monitoring/actuals/actuals.store.js';
import { judgeTargetCanary } from '../../../src/monitoring/canary/canary-judge.js';
import { writeForecastLog } from '../../../src/monitoring/forecast-log/forecast-log.store.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import type { CandidateStatus } from '../../../src/serving/candidate-model.js';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import {
  diskHarness,
  manifestInput,
  s3Harness,
  type StoreHarness,
} from '../registry/registry-fixtures.js';

const ORIGIN = '2023-06-30';
const ITEMS = ['a', 'b', 'c'];
const policy = { minScoredDays: 3, minImprovement: 0.02, maxDegradation: 0.2, autoPromote: true };

/** The same forecast of 10 kg a day for every item, P10–P90 ±50 %. */
function flat(level: number): Forecast[] {
  const dates = Array.from({ length: 7 }, (_, h) => addDays(ORIGIN, h + 1));
  return ITEMS.map((seriesId) => ({
    seriesId,
    dates,
    mean: dates.map(() => level),
    quantiles: {
      p10: dates.map(() => level / 2),
      p50: dates.map(() => level),
      p90: dates.map(() => level * 1.5),
    },
  }));
}

describe.each([
  ['disk', diskHarness],
  ['s3 (s3rver)', s3Harness],
])('canary judged on actuals over %s', (_name, makeHarness: () => Promise<StoreHarness>) => {
  let harness: StoreHarness;
  beforeAll(async () => {
    harness = await makeHarness();
  });
  afterAll(() => harness.close());

  async function setUp(store: ArtifactStore, canaryLevel: number) {
    const registry = new ModelRegistryService({ store });
    const who = { actor: 'test' };
    const noArtifacts = { writeArtifacts: async () => undefined };
    const prod = await registry.register({
      ...who,
      ...noArtifacts,
      manifest: manifestInput('ets'),
    });
    await registry.promote(prod.id, { ...who, stage: 'prod', force: true, reason: 'first' });
    const canary = await registry.register({
      ...who,
      ...noArtifacts,
      manifest: manifestInput('mlp'),
    });
    await writeForecastLog(store, {
      modelVersion: prod.id,
      target: 'quantity',
      source: 'cache',
      forecasts: flat(10),
    });
    await writeForecastLog(store, {
      modelVersion: canary.id,
      target: 'quantity',
      source: 'cache',
      forecasts: flat(canaryLevel),
    });
    const actuals = new ActualsStore(store);
    // Actuals of 12 kg on days 1..4: prod (10) is off by 2/12, the canary by |level − 12|/12.
    await actuals.write(
      'quantity',
      ITEMS.flatMap((seriesId) =>
        [1, 2, 3, 4].map((h) => ({ seriesId, date: addDays(ORIGIN, h), y: 12 })),
      ),
    );
    let candidate: CandidateStatus | null = {
      model_version: canary.id,
      mode: 'canary',
      share: 0.5,
      since: '2026-12-07T00:00:00.000Z',
      cached_series: ITEMS.length,
    };
    const deps = {
      store,
      actuals,
      registry,
      panel: null,
      candidate: () => candidate,
      endCandidate: () => {
        candidate = null;
      },
    };
    return { registry, prod, canary, deps, ended: () => candidate === null };
  }

  it('promotes a canary that beats prod by the margin, recording the figures', async () => {
    const { store } = await harness.fresh();
    const { registry, prod, canary, deps, ended } = await setUp(store, 11.5);
    const j = await judgeTargetCanary(deps, 'quantity', policy);
    // prod WAPE 2/12, canary 0.5/12: 75 % better.
    expect(j).toMatchObject({ decision: 'promote', canary: { scored_days: 4, points: 12 } });
    expect(j?.prod.wape).toBeCloseTo(2 / 12, 12);
    expect(j?.canary.wape).toBeCloseTo(0.5 / 12, 12);
    expect(ended()).toBe(false);
    expect((await registry.status('quantity')).prod).toBe(canary.id);
    const history = (await registry.history('quantity', { id: canary.id })).entries;
    expect(history.map((e) => e.action)).toEqual(['register', 'canary', 'promote']);
    expect(history[1]).toMatchObject({
      actor: 'monitoring',
      previousId: prod.id,
      live: { decision: 'promote', prod_model: prod.id, scored_days: 4, points: 12 },
    });
    expect(history[2]).toMatchObject({
      forced: true,
      reason: expect.stringMatching(/^canary promoted: 75\.0 % better/),
    });
  });

  it('ends a canary worse than prod by more than 20 %, and waits before enough days', async () => {
    const { store } = await harness.fresh();
    const { registry, prod, canary, deps, ended } = await setUp(store, 6);
    expect(
      await judgeTargetCanary(deps, 'quantity', { ...policy, minScoredDays: 5 }),
    ).toMatchObject({
      decision: 'wait',
      reason: '4 of 5 scored days',
    });
    expect(ended()).toBe(false);
    const j = await judgeTargetCanary(deps, 'quantity', policy);
    expect(j?.decision).toBe('rollback');
    expect(ended()).toBe(true);
    expect((await registry.status('quantity')).prod).toBe(prod.id);
    const [verdict] = (await registry.history('quantity', { id: canary.id })).entries.filter(
      (e) => e.action === 'canary',
    );
    // canary WAPE 6/12 = 0.5 vs prod 2/12: 200 % worse.
    expect(verdict.reason).toMatch(
      /^canary ended: 200\.0 % worse than prod, over the allowed 20\.0 %/,
    );
    expect(await judgeTargetCanary(deps, 'quantity', policy)).toBeNull();
  });
});
