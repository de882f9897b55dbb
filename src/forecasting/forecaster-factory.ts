import type { Forecaster } from './forecast.types.js';
import type { BlobSource } from '../storage/blob.types.js';

/** Key of the JSON header every saved forecaster writes first; `loadForecaster` reads it to find the kind. */
export const FORECASTER_HEADER_KEY = 'forecaster.json';
export const FORECASTER_SCHEMA_VERSION = 1;

/** The header saved under FORECASTER_HEADER_KEY. `state` is the kind's own JSON (scalers, fitted params...). */
export interface ForecasterHeader {
  schemaVersion: number;
  kind: string;
  params: Record<string, unknown>;
  target: string;
  horizon: number;
  state: unknown;
}

/** One per kind; the registry of kinds loads these lazily (dynamic import of the kind's module). */
export interface ForecasterFactory {
  readonly kind: string;
  /** A short description for CLI/API listings. */
  readonly description: string;
  /** Default hyperparameters for daily retail data. */
  readonly defaults: Readonly<Record<string, unknown>>;
  create(params?: Record<string, unknown>): Forecaster;
  /** Rebuilds a trained forecaster from its saved header (+ weights read from `source` when neural). */
  restore(header: ForecasterHeader, source: BlobSource): Promise<Forecaster>;
}

/**
 * The registry of kinds as a composite kind (the ensemble) sees it: the registry hands it to the
 * ensemble's factory, so no kind imports the registry that loads it.
 */
export interface ForecasterKinds {
  isKind(kind: string): boolean;
  create(kind: string, params?: Record<string, unknown>): Promise<Forecaster>;
  /** Reads a saved forecaster of any kind. */
  load(source: BlobSource): Promise<Forecaster>;
}
