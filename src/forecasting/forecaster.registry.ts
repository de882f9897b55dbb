import type { Forecaster } from './forecast.types.js';
import type { BlobSink, BlobSource } from '../storage/blob.types.js';
import {
  FORECASTER_HEADER_KEY,
  type ForecasterFactory,
  type ForecasterHeader,
  type ForecasterKinds,
} from './forecaster-factory.js';
import {
  ForecasterError,
  ForecasterErrorCode,
  UnknownForecasterKindError,
} from './forecaster.errors.js';

type FactoryModule = { factory: ForecasterFactory };

/**
 * Every kind, with a lazy loader of its module (each model file exports its ForecasterFactory as
 * `factory`; the ensemble's is built with this registry, which it needs for its members). Neural
 * kinds load tfjs only when asked for.
 */
const LOADERS = {
  'seasonal-naive': (): Promise<FactoryModule> => import('./models/seasonal-naive.model.js'),
  'moving-average': (): Promise<FactoryModule> => import('./models/moving-average.model.js'),
  ets: (): Promise<FactoryModule> => import('./models/ets.model.js'),
  croston: (): Promise<FactoryModule> => import('./models/croston.model.js'),
  tsb: (): Promise<FactoryModule> => import('./models/tsb.model.js'),
  linear: (): Promise<FactoryModule> => import('./models/linear.model.js'),
  gbt: (): Promise<FactoryModule> => import('./models/gbt.model.js'),
  mlp: (): Promise<FactoryModule> => import('./models/mlp.model.js'),
  lstm: (): Promise<FactoryModule> => import('./models/lstm.model.js'),
  gru: (): Promise<FactoryModule> => import('./models/gru.model.js'),
  transformer: (): Promise<FactoryModule> => import('./models/transformer.model.js'),
  ensemble: async (): Promise<FactoryModule> => ({
    factory: (await import('./models/ensemble.model.js')).ensembleFactory(KINDS),
  }),
} as const;

export type ForecasterKind = keyof typeof LOADERS;
export const FORECASTER_KINDS = Object.keys(LOADERS) as ForecasterKind[];
/** The baseline every leaderboard shows. */
export const BASELINE_KIND: ForecasterKind = 'seasonal-naive';

export function isForecasterKind(kind: string): kind is ForecasterKind {
  return Object.prototype.hasOwnProperty.call(LOADERS, kind);
}

export function listKinds(): ForecasterKind[] {
  return [...FORECASTER_KINDS];
}

/** Why `kinds` cannot be trained (those not registered, and the known ones), or undefined when all are. */
export function unknownKindsMessage(kinds: readonly string[]): string | undefined {
  const unknown = kinds.filter((k) => !isForecasterKind(k));
  if (unknown.length === 0) return undefined;
  return `unknown model kind(s) ${unknown.join(', ')}; known kinds: ${listKinds().join(', ')}`;
}

/** The factory of a kind (its module is imported on first use); unknown kinds list the known ones. */
export async function getFactory(kind: string): Promise<ForecasterFactory> {
  if (!isForecasterKind(kind)) throw new UnknownForecasterKindError(kind, FORECASTER_KINDS);
  const { factory } = await LOADERS[kind]();
  return factory;
}

const KINDS: ForecasterKinds = {
  isKind: (kind) => isForecasterKind(kind),
  create: (kind, params) => createForecaster(kind, params),
  load: (source) => loadForecaster(source),
};

export async function createForecaster(
  kind: string,
  params?: Record<string, unknown>,
): Promise<Forecaster> {
  return (await getFactory(kind)).create(params);
}

/** Writes a fitted forecaster (header under 'forecaster.json' + the kind's own blobs); returns the keys. */
export function saveForecaster(forecaster: Forecaster, sink: BlobSink): Promise<string[]> {
  return forecaster.toArtifacts(sink);
}

/** Reads the header, finds the kind and lets its factory restore the trained forecaster. */
export async function loadForecaster(source: BlobSource): Promise<Forecaster> {
  const header = parseHeader(await source.get(FORECASTER_HEADER_KEY));
  const factory = await getFactory(header.kind);
  return factory.restore(header, source);
}

function parseHeader(bytes: Uint8Array): ForecasterHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ForecasterError(
      ForecasterErrorCode.InvalidArtifact,
      `${FORECASTER_HEADER_KEY} is not valid JSON`,
    );
  }
  const h = raw as Partial<ForecasterHeader> | null;
  if (
    typeof h !== 'object' ||
    h === null ||
    typeof h.kind !== 'string' ||
    typeof h.schemaVersion !== 'number' ||
    typeof h.target !== 'string' ||
    typeof h.horizon !== 'number' ||
    typeof h.params !== 'object' ||
    h.params === null
  )
    throw new ForecasterError(
      ForecasterErrorCode.InvalidArtifact,
      `${FORECASTER_HEADER_KEY} lacks kind, schemaVersion, target, horizon or params`,
    );
  return {
    schemaVersion: h.schemaVersion,
    kind: h.kind,
    params: h.params,
    target: h.target,
    horizon: h.horizon,
    state: h.state,
  };
}
