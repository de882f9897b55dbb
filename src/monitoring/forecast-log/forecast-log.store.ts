import { Logger } from '@nestjs/common';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { addDays } from '../../data/dates.js';
import type { Target } from '../../data/series-panel.js';
import type { Forecast } from '../../forecasting/forecast.types.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const FORECAST_LOG_PREFIX = 'monitoring/forecast-log';
const LOG_SCHEMA_VERSION = 1;

/**
 * The forecast log: every forecast set the service publishes, one gzipped JSON-lines part per
 * (target, forecast origin, model version, source) under
 * `monitoring/forecast-log/target=<t>/origin=<YYYY-MM-DD>/<model>.<source>.jsonl.gz`.
 * Line 1 is a header; each further line is `[item, [P10...], [P50...], [P90...]]` for horizon days
 * 1..n (values rounded to 3 decimals). Writing the same set again overwrites the same part, so
 * logging is idempotent; a reader of a date range lists only the origins it needs.
 */
export interface ForecastLogHeader {
  schema: number;
  model_version: string;
  target: Target;
  /** The forecast origin (cutoff): horizon day 1 is the day after. */
  origin: string;
  source: string;
  created_at: string;
}

export type ForecastLogLine = [string, number[], number[], number[]];

export interface LoggedForecast {
  modelVersion: string;
  origin: string;
  seriesId: string;
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface ForecastSet {
  modelVersion: string;
  target: Target;
  /** `cache` (the served forecast cache), `batch-<job id>`, ...: a part name, [a-z0-9-]. */
  source: string;
  forecasts: readonly Forecast[];
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

export function forecastLogPrefix(target: Target, origin?: string): string {
  return `${FORECAST_LOG_PREFIX}/target=${target}/${origin === undefined ? '' : `origin=${origin}/`}`;
}

function partSource(source: string): string {
  return source
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 80);
}

/** Writes a forecast set to the log, one part per origin; returns the keys written. */
export async function writeForecastLog(store: ArtifactStore, set: ForecastSet): Promise<string[]> {
  const byOrigin = new Map<string, Forecast[]>();
  for (const f of set.forecasts) {
    if (f.dates.length === 0) continue;
    const origin = addDays(f.dates[0], -1);
    const list = byOrigin.get(origin);
    if (list) list.push(f);
    else byOrigin.set(origin, [f]);
  }
  const keys: string[] = [];
  const createdAt = new Date().toISOString();
  for (const [origin, forecasts] of byOrigin) {
    const header: ForecastLogHeader = {
      schema: LOG_SCHEMA_VERSION,
      model_version: set.modelVersion,
      target: set.target,
      origin,
      source: partSource(set.source),
      created_at: createdAt,
    };
    const lines = [JSON.stringify(header)];
    for (const f of forecasts) {
      const line: ForecastLogLine = [
        f.seriesId,
        f.quantiles.p10.map(round3),
        f.quantiles.p50.map(round3),
        f.quantiles.p90.map(round3),
      ];
      lines.push(JSON.stringify(line));
    }
    const key = `${forecastLogPrefix(set.target, origin)}${set.modelVersion}.${header.source}.jsonl.gz`;
    await store.put(key, await gzipAsync(Buffer.from(lines.join('\n'), 'utf8')));
    keys.push(key);
  }
  return keys;
}

const logger = new Logger('ForecastLog');

/** writeForecastLog that never throws: a forecast that cannot be logged is still served (warned). */
export async function recordPublishedForecasts(
  store: ArtifactStore,
  set: ForecastSet,
): Promise<void> {
  try {
    await writeForecastLog(store, set);
  } catch (err) {
    logger.warn(
      `could not log the ${set.source} forecasts of ${set.modelVersion}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Origins with logged forecasts for the target in [from, to] (inclusive ISO dates), ascending. */
export async function loggedOrigins(
  store: ArtifactStore,
  target: Target,
  from: string,
  to: string,
): Promise<string[]> {
  const keys = await store.list(forecastLogPrefix(target));
  const origins = new Set<string>();
  for (const key of keys) {
    const m = /\/origin=(\d{4}-\d{2}-\d{2})\//.exec(key);
    if (m && m[1] >= from && m[1] <= to) origins.add(m[1]);
  }
  return [...origins].sort();
}

/** The first origin with forecasts of this model in the log, or null. */
export async function firstOriginOf(
  store: ArtifactStore,
  target: Target,
  modelVersion: string,
): Promise<string | null> {
  for (const key of await store.list(forecastLogPrefix(target))) {
    const m = /\/origin=(\d{4}-\d{2}-\d{2})\/([^/]+)$/.exec(key);
    if (m && m[2].startsWith(`${modelVersion}.`)) return m[1];
  }
  return null;
}

/**
 * The forecasts logged for one origin, each (model, item) once: when several parts hold the same
 * model and item (the cache and a batch job), the first part by key wins. Unreadable parts are skipped.
 */
export async function readForecastLog(
  store: ArtifactStore,
  target: Target,
  origin: string,
): Promise<LoggedForecast[]> {
  const out: LoggedForecast[] = [];
  const seen = new Set<string>();
  for (const key of await store.list(forecastLogPrefix(target, origin))) {
    if (!key.endsWith('.jsonl.gz')) continue;
    let lines: string[];
    let header: ForecastLogHeader;
    try {
      lines = (await gunzipAsync(await store.get(key))).toString('utf8').split('\n');
      header = JSON.parse(lines[0]) as ForecastLogHeader;
    } catch (err) {
      logger.warn(`skipping unreadable forecast log part ${key}: ${String(err)}`);
      continue;
    }
    if (header.schema !== LOG_SCHEMA_VERSION) continue;
    for (let i = 1; i < lines.length; i++) {
      const [seriesId, p10, p50, p90] = JSON.parse(lines[i]) as ForecastLogLine;
      const id = `${header.model_version}\u0000${seriesId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ modelVersion: header.model_version, origin, seriesId, p10, p50, p90 });
    }
  }
  return out;
}
