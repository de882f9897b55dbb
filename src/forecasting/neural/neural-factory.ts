import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import type { BlobSource } from '../../storage/blob.types.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';
import type { NetworkBuilder, NetworkParamsCheck, NetworkShape } from './network-parts.js';
import { futureCalendarFor } from './neural-inputs.js';
import { invalidParams, NeuralForecaster } from './neural.forecaster.js';
import {
  MAX_NETWORK_WEIGHTS,
  resolveTraining,
  TRAINING_DEFAULTS,
  type NeuralTrainingParams,
} from './neural-params.js';
import { FUTURE_YEAR_BACK_NAMES, PAST_FEATURES, staticFeatureCount } from './window-features.js';

/**
 * A param the kind does not read (a typo such as `head` for `heads`, or `lags`, which only the
 * statistical kinds take) would otherwise be recorded in the manifest and silently have no effect,
 * where the statistical kinds' strict schemas refuse it.
 */
function refuseUnknownParams(
  params: Record<string, unknown> | undefined,
  defaults: Readonly<Record<string, unknown>>,
): void {
  const unknown = Object.keys(params ?? {}).filter((key) => !Object.hasOwn(defaults, key));
  if (unknown.length === 0) return;
  const names = unknown.map((key) => `'${key}'`).join(', ');
  throw new Error(
    `unknown param${unknown.length > 1 ? 's' : ''} ${names}; it takes ${Object.keys(defaults).sort().join(', ')}`,
  );
}

/**
 * The inputs a fit with these training params gives its networks, as wide as any data and horizon make
 * them but for the category one-hot (one column per category of the data: counted as none).
 */
function widestShape(p: NeuralTrainingParams): NetworkShape {
  return {
    lookback: p.lookback,
    pastFeatures: PAST_FEATURES,
    horizon: MAX_HORIZON_DAYS,
    futureFeatures:
      futureCalendarFor(p.festivalDays).length +
      1 +
      (p.yearBack ? FUTURE_YEAR_BACK_NAMES.length : 0),
    staticFeatures: staticFeatureCount(0),
  };
}

/**
 * Refuses networks too large to train (MAX_NETWORK_WEIGHTS), naming the params that size them: the
 * kind's network params, `lookback` and `members`.
 */
function refuseOversizedNetworks(weights: number, members: number, networkParams: string[]): void {
  const total = weights * members;
  if (total <= MAX_NETWORK_WEIGHTS) return;
  const what = members > 1 ? `${members} networks ('members') of ${weights}` : `${weights}`;
  const layers = networkParams.map((k) => `'${k}'`).join(', ');
  throw new Error(
    `the params ask for ${what} weights, ${total} in all; at most ${MAX_NETWORK_WEIGHTS} can be ` +
      `trained: fewer or smaller layers (${layers}), a shorter 'lookback' or fewer 'members'`,
  );
}

/** The ForecasterFactory of one neural kind: shared training defaults + the kind's own. */
export function neuralFactory(
  kind: string,
  description: string,
  kindDefaults: Readonly<Record<string, unknown>>,
  build: NetworkBuilder,
  checkNetwork: NetworkParamsCheck,
): ForecasterFactory {
  const defaults: Readonly<Record<string, unknown>> = { ...TRAINING_DEFAULTS, ...kindDefaults };
  const networkParams = Object.keys(kindDefaults).filter(
    (k) => !Object.hasOwn(TRAINING_DEFAULTS, k),
  );
  return {
    kind,
    description,
    defaults,
    /**
     * Refuses at once the params it could not fit with: training params, network params the network
     * could not be built with for the window the training params give (`lookback`), and networks
     * larger than MAX_NETWORK_WEIGHTS for the widest inputs a fit could give them.
     */
    create(params?: Record<string, unknown>): Forecaster {
      const merged = { ...defaults, ...params };
      try {
        refuseUnknownParams(params, defaults);
        const training = resolveTraining(merged, { target: 'quantity', horizon: 1 });
        const weights = checkNetwork(merged, widestShape(training));
        refuseOversizedNetworks(weights, training.members, networkParams);
      } catch (err) {
        throw invalidParams(kind, err);
      }
      return new NeuralForecaster(kind, merged, build);
    },
    restore(header: ForecasterHeader, source: BlobSource): Promise<Forecaster> {
      if (header.kind !== kind)
        throw new ForecasterError(
          ForecasterErrorCode.InvalidArtifact,
          `Cannot restore ${kind}: the header is for kind '${header.kind}'`,
          { kind: header.kind },
        );
      return NeuralForecaster.restore(header, source, build);
    },
  };
}
