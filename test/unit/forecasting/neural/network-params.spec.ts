import type * as tf from '@tensorflow/tfjs';
import { ForecasterErrorCode } from '../../../../src/forecasting/forecaster.errors.js';
import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { kindParamsProblem } from '../../../../src/forecasting/kind-params.check.js';
import {
  PARAM_SPACES,
  type ParamSpace,
  type ParamValue,
} from '../../../../src/forecasting/param-spaces.js';
import {
  buildGruNetwork,
  gruNetworkWeights,
} from '../../../../src/forecasting/networks/gru.network.js';
import {
  buildLstmNetwork,
  lstmNetworkWeights,
} from '../../../../src/forecasting/networks/lstm.network.js';
import {
  buildMlpNetwork,
  mlpNetworkWeights,
} from '../../../../src/forecasting/networks/mlp.network.js';
import {
  buildTransformerNetwork,
  transformerNetworkWeights,
} from '../../../../src/forecasting/networks/transformer.network.js';
import type {
  NetworkBuilder,
  NetworkParamsCheck,
  NetworkShape,
} from '../../../../src/forecasting/neural/network-parts.js';
import { MAX_NETWORK_WEIGHTS } from '../../../../src/forecasting/neural/neural-params.js';
import { SeedSequence } from '../../../../src/forecasting/neural/seeded-random.js';
import { PAST_FEATURES } from '../../../../src/forecasting/neural/window-features.js';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';

/** The INVALID_PARAMS message creating `kind` with `params` fails with (undefined when it is created). */
async function refusal(kind: string, params: Record<string, unknown>): Promise<string | undefined> {
  try {
    (await createForecaster(kind, params)).dispose();
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: ForecasterErrorCode.InvalidParams });
    return (err as Error).message;
  }
}

/** Every combination of a space's choices, ranges at their ends. */
function corners(space: ParamSpace): Record<string, ParamValue>[] {
  let points: Record<string, ParamValue>[] = [{}];
  for (const [name, d] of Object.entries(space)) {
    const values: readonly ParamValue[] = d.type === 'choice' ? d.values : [d.min, d.max];
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}

/**
 * A neural kind's network params (widths, heads, patches) are checked when the forecaster is created,
 * for the lookback its training params give, not when the network is built inside a fit.
 */
describe('neural network params, refused when the forecaster is created', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['transformer', { heads: 3 }, ["'dModel' (32)", "'heads' (3)"]],
    ['transformer', { dModel: 3, heads: 1.5 }, ["'heads'", '1.5']],
    ['transformer', { lookback: 30 }, ["'patch' (7)", "'lookback' (30)"]],
    ['transformer', { patch: 5 }, ["'patch' (5)", "'lookback' (28)"]],
    ['transformer', { poolSteps: 0 }, ["'poolSteps'"]],
    ['transformer', { blocks: -1 }, ["'blocks'"]],
    ['transformer', { ffUnits: 0 }, ["'ffUnits'"]],
    ['transformer', { dModel: '32' }, ["'dModel'"]],
    ['transformer', { hidden: [0] }, ["'hidden'"]],
    ['lstm', { steps: 10 }, ["'patch' (7)", "'steps'", '10']],
    ['lstm', { lookback: 5 }, ["'patch' (7)", "'lookback'", '5']],
    ['lstm', { steps: 0 }, ["'steps'"]],
    ['lstm', { units: 0 }, ["'units'"]],
    ['gru', { units: 1.5 }, ["'units'"]],
    ['gru', { units: 100_000 }, ["'units'", '4096']],
    ['mlp', { units: [64, 0] }, ["'units'"]],
    ['mlp', { units: [100_000] }, ["'units'", '4096']],
    // A param the kind does not read would be recorded in the manifest and have no effect.
    ['transformer', { head: 8 }, ["unknown param 'head'", 'heads']],
    ['mlp', { lags: 14, hidden: [64] }, ["unknown params 'lags', 'hidden'", 'units']],
  ])('%s %j names the params', async (kind, params, words) => {
    const message = await refusal(kind, params);
    expect(message).toBeDefined();
    expect(message).toContain(kind);
    for (const w of words) expect(message).toContain(w);
  });

  it('creates what the networks build: steps and pool sizes capped by the window, any patch dividing it', async () => {
    for (const [kind, params] of [
      ['lstm', { lookback: 30 }], // the encoder reads the last 28 days: 4 weekly patches
      ['gru', { steps: 100 }],
      ['gru', { lookback: 5, patch: 5 }],
      ['transformer', { lookback: 30, patch: 5, poolSteps: 100 }],
      ['transformer', { dModel: 16, heads: 16 }],
      ['mlp', { units: [] }],
    ] as const)
      expect({ kind, params, refusal: await refusal(kind, params) }).toEqual({
        kind,
        params,
        refusal: undefined,
      });
  });

  it('takes every corner of the neural kinds’ tuning spaces', async () => {
    for (const kind of ['mlp', 'lstm', 'gru', 'transformer'] as const) {
      const space = PARAM_SPACES[kind];
      expect(space).toBeDefined();
      for (const point of corners(space ?? {}))
        expect({ kind, point, refusal: await refusal(kind, point) }).toEqual({
          kind,
          point,
          refusal: undefined,
        });
    }
  });

  it("names an ensemble member's params by their place", async () => {
    const problem = await kindParamsProblem('ensemble', {
      members: [{ kind: 'linear' }, { kind: 'transformer', params: { heads: 5 } }],
    });
    expect(problem?.path).toBe('members.1.params');
    expect(problem?.message).toMatch(/transformer.*'dModel' \(32\).*'heads' \(5\)/);
    expect(await kindParamsProblem('transformer', { heads: 8 })).toBeUndefined();
  });
});

/**
 * Past what the wasm backend can allocate, a fit aborts the backend for the whole process (every later
 * fit and on-demand forecast fails): the size of the networks params ask for is refused when the
 * forecaster is created, counted as the builders build them.
 */
describe('neural network size, refused when the forecaster is created', () => {
  const shape: NetworkShape = {
    lookback: 28,
    pastFeatures: PAST_FEATURES,
    horizon: 7,
    futureFeatures: 5,
    staticFeatures: 6,
  };

  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  // Small recurrent widths: tfjs warns about orthogonal initializers past 2000 elements.
  it.each<[string, Record<string, unknown>, NetworkBuilder, NetworkParamsCheck]>([
    ['mlp', {}, buildMlpNetwork, mlpNetworkWeights],
    ['mlp', { units: [64, 32, 16] }, buildMlpNetwork, mlpNetworkWeights],
    ['lstm', { units: 20 }, buildLstmNetwork, lstmNetworkWeights],
    ['lstm', { units: 8, steps: 14, patch: 1, hidden: [] }, buildLstmNetwork, lstmNetworkWeights],
    ['gru', { units: 20 }, buildGruNetwork, gruNetworkWeights],
    ['gru', { units: 16, patch: 14, hidden: [32, 8] }, buildGruNetwork, gruNetworkWeights],
    ['transformer', {}, buildTransformerNetwork, transformerNetworkWeights],
    [
      'transformer',
      { dModel: 16, heads: 2, blocks: 3, ffUnits: 24, patch: 4, poolSteps: 2, hidden: [8] },
      buildTransformerNetwork,
      transformerNetworkWeights,
    ],
  ])('%s %j: counts the weights the builder makes', (_kind, params, build, weights) => {
    const model: tf.LayersModel = build(shape, params, new SeedSequence(1));
    try {
      expect(weights(params, shape)).toBe(model.countParams());
    } finally {
      model.dispose();
    }
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['mlp', { units: [4096, 4096, 4096, 4096, 4096] }, ["'units'", 'weights']],
    ['mlp', { units: [4096], members: 5000 }, ["5000 networks ('members')", "'members'"]],
    ['mlp', { lookback: 2 ** 40 }, ["'lookback'"]],
    ['lstm', { hidden: [4096, 4096, 4096, 4096, 4096] }, ["'hidden'", "'units'"]],
    ['gru', { units: 4096, hidden: [4096, 4096, 4096, 4096] }, ["'units'"]],
    ['transformer', { dModel: 4096, ffUnits: 4096, blocks: 8 }, ["'dModel'", "'blocks'"]],
  ])('%s %j is refused, naming what sizes it', async (kind, params, words) => {
    const message = await refusal(kind, params);
    expect(message).toBeDefined();
    expect(message).toContain(kind);
    expect(message).toContain(`at most ${MAX_NETWORK_WEIGHTS}`);
    for (const w of words) expect(message).toContain(w);
  });

  it('takes the largest networks the cap allows', async () => {
    // Three layers of 4096 (about 50 M weights) on the default window, one member.
    expect(await refusal('mlp', { units: [4096, 4096, 4096], members: 1 })).toBeUndefined();
    expect(await refusal('mlp', { units: [4096, 4096, 4096], members: 2 })).toContain("'members'");
  });
});
