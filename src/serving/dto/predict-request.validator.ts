import type { FieldError } from '../../common/errors/error-envelope.js';
import { isIsoDate } from '../../data/dates.js';
import { TARGETS, type Target } from '../../data/series-panel.js';
import type { ServingLimits } from '../serving.limits.js';
import { SERVING_LIMITS } from '../serving.limits.js';
import { ISO_DATE_PATTERN } from './predict.dto.js';

/** A POST /predict body that passed validation (the shape of `PredictRequestDto`). */
export interface PredictRequest {
  item_code?: string;
  item_codes?: string[];
  target?: Target;
  date?: string;
  horizon?: number;
  history?: { date: string; value: number }[];
}

export type PredictRequestCheck =
  { ok: true; value: PredictRequest } | { ok: false; errors: FieldError[] };

const BODY_KEYS = new Set(['item_code', 'item_codes', 'target', 'date', 'horizon', 'history']);
const POINT_KEYS = new Set(['date', 'value']);
/** Keys Nest's ValidationPipe strips before validating (never reported, never kept). */
const STRIPPED_KEYS = ['__proto__', 'constructor'];
const ITEM_CODE_MAX = 64;
const TARGET_SET: ReadonlySet<unknown> = new Set<unknown>(TARGETS);

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `IsOmittable`: a field left out skips every other check; `null` is checked (and refused). */
function absent(v: unknown): boolean {
  return v === undefined;
}

function unknownKeys(
  o: Obj,
  allowed: ReadonlySet<string>,
  parent: string,
  out: FieldError[],
): void {
  for (const k in o) {
    if (!Object.hasOwn(o, k) || allowed.has(k)) continue;
    if (STRIPPED_KEYS.includes(k)) continue;
    out.push({ field: parent + k, message: `property ${k} should not exist` });
  }
}

/**
 * Compiles the POST /predict body check for the configured limits: the rules of `PredictRequestDto`
 * (class-validator decorators, `whitelist` + `forbidNonWhitelisted`) written out by hand, with the
 * same field names and messages in the same order (a field's type message first, as
 * `flattenValidationErrors` orders them), so that the hot route never runs
 * class-transformer / class-validator. One pass over the body, no allocation when it is valid.
 */
export function compilePredictRequestValidator(
  limits: Pick<ServingLimits, 'maxItems' | 'maxHistoryDays' | 'maxHistoryValue'> = SERVING_LIMITS,
): (body: unknown) => PredictRequestCheck {
  const { maxItems, maxHistoryDays, maxHistoryValue } = limits;
  const maxHorizon = SERVING_LIMITS.maxHorizon;

  function checkItemCode(v: unknown, out: FieldError[]): void {
    const isString = typeof v === 'string';
    if (!isString) out.push({ field: 'item_code', message: 'item_code must be a string' });
    if (!(isString && v.length <= ITEM_CODE_MAX))
      out.push({
        field: 'item_code',
        message: `item_code must be shorter than or equal to ${ITEM_CODE_MAX} characters`,
      });
  }

  function checkItemCodes(v: unknown, out: FieldError[]): void {
    const isArray = Array.isArray(v);
    const each: unknown[] = isArray ? v : [v];
    let tooLong = false;
    let notString = false;
    for (const c of each) {
      if (typeof c !== 'string') notString = tooLong = true;
      else if (c.length > ITEM_CODE_MAX) tooLong = true;
    }
    if (notString)
      out.push({ field: 'item_codes', message: 'each value in item_codes must be a string' });
    if (!isArray) out.push({ field: 'item_codes', message: 'item_codes must be an array' });
    if (tooLong)
      out.push({
        field: 'item_codes',
        message: `each value in item_codes must be shorter than or equal to ${ITEM_CODE_MAX} characters`,
      });
    if (!(isArray && v.length <= maxItems))
      out.push({
        field: 'item_codes',
        message: `item_codes must contain no more than ${maxItems} elements`,
      });
    if (!(isArray && v.length >= 1))
      out.push({ field: 'item_codes', message: 'item_codes must contain at least 1 elements' });
  }

  function checkDate(v: unknown, field: string, out: FieldError[]): void {
    const isString = typeof v === 'string';
    if (!isString) out.push({ field, message: 'date must be a string' });
    if (!(isString && ISO_DATE_PATTERN.test(v)))
      out.push({ field, message: 'date must be YYYY-MM-DD' });
  }

  function checkHorizon(v: unknown, out: FieldError[]): void {
    const isNumber = typeof v === 'number';
    if (!(isNumber && Number.isInteger(v)))
      out.push({ field: 'horizon', message: 'horizon must be an integer number' });
    if (!(isNumber && v <= maxHorizon))
      out.push({ field: 'horizon', message: `horizon must not be greater than ${maxHorizon}` });
    if (!(isNumber && v >= 1))
      out.push({ field: 'horizon', message: 'horizon must not be less than 1' });
  }

  function checkPoint(p: unknown, i: number, out: FieldError[]): void {
    const field = `history.${i}`;
    if (!isObject(p)) {
      out.push({
        field,
        message: 'each value in nested property history must be either object or array',
      });
      return;
    }
    unknownKeys(p, POINT_KEYS, `${field}.`, out);
    checkDate(p.date, `${field}.date`, out);
    const v = p.value;
    const isNumber = typeof v === 'number';
    if (!(isNumber && Number.isFinite(v)))
      out.push({ field: `${field}.value`, message: 'value must be a finite number' });
    if (!(isNumber && v <= maxHistoryValue))
      out.push({
        field: `${field}.value`,
        message: `value must not be greater than ${maxHistoryValue}`,
      });
    if (!(isNumber && v >= 0))
      out.push({ field: `${field}.value`, message: 'value must not be less than 0' });
  }

  function checkHistory(v: unknown, out: FieldError[]): void {
    const isArray = Array.isArray(v);
    if (!isArray) out.push({ field: 'history', message: 'history must be an array' });
    if (!(isArray && v.length <= maxHistoryDays))
      out.push({
        field: 'history',
        message: `history must contain no more than ${maxHistoryDays} elements`,
      });
    if (!(isArray && v.length >= 1))
      out.push({ field: 'history', message: 'history must contain at least 1 elements' });
    if (!isArray) {
      if (typeof v !== 'object' || v === null)
        out.push({
          field: 'history',
          message: 'each value in nested property history must be either object or array',
        });
      return;
    }
    // Nested points only when the array itself is acceptable in size (a huge array is not walked).
    if (v.length > maxHistoryDays) return;
    for (let i = 0; i < v.length; i++) checkPoint(v[i], i, out);
  }

  /** Fast check of a valid point: true when `checkPoint` would report nothing. */
  function pointOk(p: unknown): boolean {
    if (!isObject(p)) return false;
    let keys = 0;
    for (const k in p) {
      if (!Object.hasOwn(p, k)) continue;
      if (k !== 'date' && k !== 'value') return false;
      keys++;
    }
    const d = p.date;
    const v = p.value;
    return (
      keys === 2 &&
      typeof d === 'string' &&
      ISO_DATE_PATTERN.test(d) &&
      typeof v === 'number' &&
      v >= 0 &&
      v <= maxHistoryValue &&
      Number.isFinite(v)
    );
  }

  return function validatePredictRequest(body: unknown): PredictRequestCheck {
    if (!isObject(body))
      return {
        ok: false,
        errors: [{ field: 'body', message: 'Validation failed (object is expected)' }],
      };
    for (const k of STRIPPED_KEYS) if (Object.hasOwn(body, k)) delete body[k];
    const out: FieldError[] = [];
    unknownKeys(body, BODY_KEYS, '', out);
    if (!absent(body.item_code)) checkItemCode(body.item_code, out);
    if (!absent(body.item_codes)) checkItemCodes(body.item_codes, out);
    if (!absent(body.target) && !TARGET_SET.has(body.target))
      out.push({
        field: 'target',
        message: `target must be one of the following values: ${TARGETS.join(', ')}`,
      });
    if (!absent(body.date)) checkDate(body.date, 'date', out);
    if (!absent(body.horizon)) checkHorizon(body.horizon, out);
    const h = body.history;
    if (!absent(h)) {
      // The common case (a long, valid history) without building field names.
      if (!(Array.isArray(h) && h.length >= 1 && h.length <= maxHistoryDays && h.every(pointOk)))
        checkHistory(h, out);
    }
    return out.length === 0 ? { ok: true, value: body } : { ok: false, errors: out };
  };
}

/**
 * The rules across fields of a body that passed the field checks above (not expressible as
 * PredictRequestDto decorators): exactly one of item_code and item_codes, history only with a
 * single item_code, and a date that exists in the calendar. The first broken rule, or null.
 */
export function predictRequestShapeProblem(body: PredictRequest): FieldError | null {
  const one = body.item_code !== undefined;
  const many = body.item_codes !== undefined;
  if (one === many)
    return { field: 'item_code', message: 'give exactly one of item_code and item_codes' };
  if (body.history && !one)
    return { field: 'history', message: 'history goes with a single item_code' };
  if (body.date !== undefined && !isIsoDate(body.date))
    return { field: 'date', message: 'date must be a calendar date YYYY-MM-DD' };
  return null;
}
