import { addDays, isIsoDate, LAST_ISO_DAY, runsPastLastIsoDay } from '../data/dates.js';
import type { FieldError } from '../common/errors/error-envelope.js';
import { InvalidInvocationError } from './sagemaker.errors.js';

/** Quantile levels a freshcast forecaster gives, by the key DeepAR answers them under. */
export const SUPPORTED_QUANTILES = { '0.1': 'p10', '0.5': 'p50', '0.9': 'p90' } as const;
export type QuantileKey = keyof typeof SUPPORTED_QUANTILES;
export const DEFAULT_QUANTILES: readonly QuantileKey[] = ['0.1', '0.5', '0.9'];

export type OutputType = 'mean' | 'quantiles';

/** Bounds that keep one invocation's work small. */
export const INVOCATION_LIMITS = { maxInstances: 1000, maxTargetLength: 20_000 } as const;

/** One instance: a daily series starting on `start`; NaN where the value is missing. */
export interface InvocationInstance {
  start: string;
  /** ISO date of the last entry of `target` (forecasts start the day after). */
  end: string;
  target: number[];
}

export interface InvocationRequest {
  instances: InvocationInstance[];
  quantiles: QuantileKey[];
  outputTypes: OutputType[];
  predictionLength: number;
}

const START =
  /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The calendar day of a DeepAR `start` ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' or ISO), or undefined. */
export function startDay(start: string): string | undefined {
  const m = START.exec(start.trim());
  return m && isIsoDate(m[1]) ? m[1] : undefined;
}

/** What one instance may hold: days to forecast after it, and the largest value (either sign). */
interface InstanceLimits {
  forecastDays: number;
  maxValue: number;
}

/**
 * One instance. Its series and the forecast must end by 9999-12-31: past it a date has no YYYY-MM-DD
 * form, and such a series made a panel without dates (a 500). Values past `maxValue` are refused: past
 * float32's range they became infinite and were answered as forecasts of 0 and null.
 */
function parseInstance(
  raw: unknown,
  i: number,
  limits: InstanceLimits,
  errors: FieldError[],
): InvocationInstance | undefined {
  const at = `instances.${i}`;
  if (!isRecord(raw)) {
    errors.push({ field: at, message: 'each instance must be an object with start and target' });
    return undefined;
  }
  const start = typeof raw.start === 'string' ? startDay(raw.start) : undefined;
  if (start === undefined)
    errors.push({
      field: `${at}.start`,
      message: "start must be a date 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' or ISO 8601",
    });
  if (!Array.isArray(raw.target) || raw.target.length === 0) {
    errors.push({ field: `${at}.target`, message: 'target must be a non-empty array of numbers' });
    return undefined;
  }
  if (raw.target.length > INVOCATION_LIMITS.maxTargetLength) {
    errors.push({
      field: `${at}.target`,
      message: `target must have at most ${INVOCATION_LIMITS.maxTargetLength} values`,
    });
    return undefined;
  }
  const target: number[] = [];
  let bad = 0;
  raw.target.forEach((v: unknown, t: number) => {
    if (v === null || v === 'NaN') target.push(NaN);
    else if (typeof v === 'number' && Math.abs(v) <= limits.maxValue) target.push(v);
    else {
      if (bad++ < 5)
        errors.push({
          field: `${at}.target.${t}`,
          message: `target values must be numbers from -${limits.maxValue} to ${limits.maxValue}, or null / "NaN" when missing`,
        });
      target.push(NaN);
    }
  });
  if (start === undefined || bad > 0) return undefined;
  const { forecastDays } = limits;
  if (runsPastLastIsoDay(start, target.length - 1 + forecastDays)) {
    errors.push({
      field: `${at}.target`,
      message: `${target.length} values from ${start} and a ${forecastDays}-day forecast after them would run past ${LAST_ISO_DAY}`,
    });
    return undefined;
  }
  return { start, end: addDays(start, target.length - 1), target };
}

function parseQuantiles(raw: unknown, errors: FieldError[]): QuantileKey[] {
  if (raw === undefined) return [...DEFAULT_QUANTILES];
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.push({
      field: 'configuration.quantiles',
      message: 'quantiles must be a non-empty array such as ["0.1", "0.5", "0.9"]',
    });
    return [];
  }
  const out: QuantileKey[] = [];
  raw.forEach((q: unknown, i: number) => {
    const level = typeof q === 'number' || typeof q === 'string' ? Number(q) : NaN;
    const key = String(level);
    if (key in SUPPORTED_QUANTILES) {
      if (!out.includes(key as QuantileKey)) out.push(key as QuantileKey);
    } else
      errors.push({
        field: `configuration.quantiles.${i}`,
        message: `quantile ${JSON.stringify(q)} is not supported; this model gives ${Object.keys(SUPPORTED_QUANTILES).join(', ')}`,
      });
  });
  return out;
}

function parseOutputTypes(raw: unknown, errors: FieldError[]): OutputType[] {
  if (raw === undefined) return ['mean', 'quantiles'];
  const ok =
    Array.isArray(raw) && raw.length > 0 && raw.every((t) => t === 'mean' || t === 'quantiles');
  if (!ok) {
    errors.push({
      field: 'configuration.output_types',
      message: 'output_types must list "mean" and/or "quantiles" (samples are not supported)',
    });
    return [];
  }
  return [...new Set(raw as OutputType[])];
}

function parseLength(raw: unknown, horizon: number, errors: FieldError[]): number {
  if (raw === undefined) return horizon;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > horizon) {
    errors.push({
      field: 'configuration.prediction_length',
      message: `prediction_length must be an integer from 1 to the model's horizon ${horizon}`,
    });
    return horizon;
  }
  return raw;
}

/**
 * Reads a DeepAR-shaped request `{instances: [{start, target}], configuration?: {quantiles,
 * prediction_length, output_types}}` for a model of `horizon` days, target values at most `maxValue`
 * either side of 0 (`serving.maxHistoryValue`). Throws InvalidInvocationError (400) naming every bad
 * field.
 */
export function parseInvocationRequest(
  body: unknown,
  horizon: number,
  maxValue: number,
): InvocationRequest {
  const errors: FieldError[] = [];
  if (!isRecord(body))
    throw new InvalidInvocationError([
      { field: '', message: 'the body must be a JSON object with an instances array' },
    ]);
  const { instances: rawInstances, configuration } = body;
  if (!Array.isArray(rawInstances) || rawInstances.length === 0)
    errors.push({ field: 'instances', message: 'instances must be a non-empty array' });
  else if (rawInstances.length > INVOCATION_LIMITS.maxInstances)
    errors.push({
      field: 'instances',
      message: `at most ${INVOCATION_LIMITS.maxInstances} instances per request`,
    });
  if (configuration !== undefined && !isRecord(configuration))
    errors.push({ field: 'configuration', message: 'configuration must be an object' });
  const config = isRecord(configuration) ? configuration : {};
  const quantiles = parseQuantiles(config.quantiles, errors);
  const outputTypes = parseOutputTypes(config.output_types, errors);
  const predictionLength = parseLength(config.prediction_length, horizon, errors);
  const instances: InvocationInstance[] = [];
  if (errors.length === 0 && Array.isArray(rawInstances))
    rawInstances.forEach((raw: unknown, i) => {
      const inst = parseInstance(raw, i, { forecastDays: predictionLength, maxValue }, errors);
      if (inst) instances.push(inst);
    });
  if (errors.length > 0) throw new InvalidInvocationError(errors);
  return { instances, quantiles, outputTypes, predictionLength };
}
