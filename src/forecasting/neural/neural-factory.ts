import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import type { BlobSource } from '../../storage/blob.types.js';
import type { NetworkBuilder, NetworkParamsCheck } from './network-parts.js';
import { invalidParams, NeuralForecaster } from './neural.forecaster.js';
import { resolveTraining, TRAINING_DEFAULTS } from './neural-params.js';

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

/** The ForecasterFactory of one neural kind: shared training defaults + the kind's own. */
export function neuralFactory(
  kind: string,
  description: string,
  kindDefaults: Readonly<Record<string, unknown>>,
  build: NetworkBuilder,
  checkNetwork: NetworkParamsCheck,
): ForecasterFactory {
  const defaults: Readonly<Record<string, unknown>> = { ...TRAINING_DEFAULTS, ...kindDefaults };
  return {
    kind,
    description,
    defaults,
    /**
     * Refuses at once the params it could not fit with: training params, and network params the
     * network could not be built with for the window the training params give (`lookback`).
     */
    create(params?: Record<string, unknown>): Forecaster {
      const merged = { ...defaults, ...params };
      try {
        refuseUnknownParams(params, defaults);
        const { lookback } = resolveTraining(merged, { target: 'quantity', horizon: 1 });
        checkNetwork(merged, lookback);
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
