import { isIsoDate } from '../data/dates.js';
import type { OptionValues } from './command.types.js';
import { UsageError } from './cli.errors.js';

export function optString(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function reqString(values: OptionValues, name: string): string {
  const v = optString(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function optInt(
  values: OptionValues,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = optString(values, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`--${name} must be an integer (got "${v}")`);
  const n = Number(v);
  if (n < min || n > max)
    throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

export function optNumber(
  values: OptionValues,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = optString(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number (got "${v}")`);
  if (n < min || n > max)
    throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

export function optDate(values: OptionValues, name: string): string | undefined {
  const v = optString(values, name);
  if (v !== undefined && !isIsoDate(v))
    throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

export function optEnum<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = optString(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  }
  return v as T;
}

export function optList(values: OptionValues, name: string): string[] | undefined {
  const v = optString(values, name);
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`--${name} needs a comma-separated list`);
  return items;
}

/** Exactly one of `--data DIR` or `--series FILE`. */
export function dataSource(values: OptionValues): { data: string } | { series: string } {
  const data = optString(values, 'data');
  const series = optString(values, 'series');
  if (data && series) throw new UsageError('give either --data DIR or --series FILE, not both');
  if (data) return { data };
  if (series) return { series };
  throw new UsageError('--data DIR (annex files) or --series FILE (long-format CSV) is required');
}

export const DATA_SOURCE_OPTIONS = {
  data: { type: 'string' },
  series: { type: 'string' },
} as const;
