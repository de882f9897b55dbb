import { isIsoDate, LAST_ISO_DAY, runsPastLastIsoDay } from '../dates.js';

export type GeneratorLanguage = 'en' | 'cn';

/** Size and flavour of a synthetic dataset. Defaults reproduce the real files' size. */
export interface GeneratorOptions {
  /** Number of items (annex1 rows). */
  items: number;
  /** Number of calendar days. */
  days: number;
  /** First date, YYYY-MM-DD. */
  start: string;
  /** PRNG seed: same seed and options → byte-identical files. */
  seed: number;
  /** Header and value language: English or Chinese variant of the files. */
  lang: GeneratorLanguage;
}

export const DEFAULT_GENERATOR_OPTIONS: Readonly<GeneratorOptions> = Object.freeze({
  items: 251,
  days: 1095,
  start: '2020-07-01',
  seed: 42,
  lang: 'en',
});

export const GENERATOR_LIMITS = Object.freeze({
  minItems: 1,
  maxItems: 5000,
  minDays: 14,
  maxDays: 20000,
});

/** Thrown for options the generator cannot honour; the message says which option and why. */
export class GeneratorOptionsError extends Error {
  constructor(
    readonly option: keyof GeneratorOptions,
    message: string,
  ) {
    super(`invalid generator option "${option}": ${message}`);
    this.name = 'GeneratorOptionsError';
  }
}

/** Fills defaults and validates; throws GeneratorOptionsError with a clear message. */
export function resolveGeneratorOptions(partial: Partial<GeneratorOptions> = {}): GeneratorOptions {
  const d = DEFAULT_GENERATOR_OPTIONS;
  const opts: GeneratorOptions = {
    items: partial.items ?? d.items,
    days: partial.days ?? d.days,
    start: partial.start ?? d.start,
    seed: partial.seed ?? d.seed,
    lang: partial.lang ?? d.lang,
  };
  const { minItems, maxItems, minDays, maxDays } = GENERATOR_LIMITS;
  if (!Number.isInteger(opts.items) || opts.items < minItems || opts.items > maxItems) {
    throw new GeneratorOptionsError(
      'items',
      `expected an integer from ${minItems} to ${maxItems}, got ${String(opts.items)}`,
    );
  }
  if (!Number.isInteger(opts.days) || opts.days < minDays || opts.days > maxDays) {
    throw new GeneratorOptionsError(
      'days',
      `expected an integer from ${minDays} to ${maxDays}, got ${String(opts.days)}`,
    );
  }
  if (typeof opts.start !== 'string' || !isIsoDate(opts.start)) {
    throw new GeneratorOptionsError(
      'start',
      `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(opts.start)}`,
    );
  }
  if (runsPastLastIsoDay(opts.start, opts.days - 1)) {
    throw new GeneratorOptionsError(
      'start',
      `${opts.days} days from ${opts.start} would run past ${LAST_ISO_DAY}, the last date a data file can hold`,
    );
  }
  if (!Number.isSafeInteger(opts.seed)) {
    throw new GeneratorOptionsError('seed', `expected an integer, got ${String(opts.seed)}`);
  }
  if (opts.lang !== 'en' && opts.lang !== 'cn') {
    throw new GeneratorOptionsError(
      'lang',
      `expected "en" or "cn", got ${JSON.stringify(opts.lang)}`,
    );
  }
  return opts;
}
