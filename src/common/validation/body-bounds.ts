import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '../errors/error-envelope.js';

/** Values one top-level field of a DTO body may hold (nested included) unless it declares more. */
export const MAX_VALUES_PER_FIELD = 10_000;

type Ctor = abstract new (...args: never[]) => unknown;

const arrayMaxCache = new WeakMap<Ctor, ReadonlyMap<string, number>>();

/** The `@ArrayMaxSize` of each property of a DTO class (read once per class). */
function declaredArrayMax(metatype: Ctor): ReadonlyMap<string, number> {
  let found = arrayMaxCache.get(metatype);
  if (found) return found;
  const max = new Map<string, number>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false)) {
    const limit: unknown = m.constraints?.[0];
    if (m.name === 'arrayMaxSize' && typeof limit === 'number') max.set(m.propertyName, limit);
  }
  found = max;
  arrayMaxCache.set(metatype, found);
  return found;
}

/** How many values `root` holds (nested ones included, not itself), counting no further than `cap + 1`. */
function countValues(root: unknown, cap: number): number {
  let count = -1;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= cap) {
    const v = stack.pop();
    count++;
    if (Array.isArray(v)) for (let i = 0; i < v.length && i <= cap; i++) stack.push(v[i]);
    else if (typeof v === 'object' && v !== null) {
      let pushed = 0;
      for (const k in v) {
        if (pushed++ > cap) break;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return count;
}

/**
 * What is wrong with the shape of a JSON body bound for `metatype`, checked before class-transformer
 * copies it: the body must be an object (not `null`, an array or a scalar; no body at all is fine),
 * an array field no longer than its `@ArrayMaxSize`, and no field holding more than
 * MAX_VALUES_PER_FIELD values. Each check stops early, so a 240k-element array costs no more than
 * the values it counts. Null when the body passes.
 */
export function bodyBoundsProblem(value: unknown, metatype: Ctor): FieldError | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: '', message: 'the request body must be a JSON object' };
  const declared = declaredArrayMax(metatype);
  const body = value as Record<string, unknown>;
  for (const field of Object.keys(body)) {
    const v = body[field];
    if (typeof v !== 'object' || v === null) continue;
    const max = declared.get(field);
    if (max !== undefined && Array.isArray(v) && v.length > max)
      return { field, message: `${field} must contain no more than ${max} elements` };
    const cap = Math.max(max ?? 0, MAX_VALUES_PER_FIELD);
    if (countValues(v, cap) > cap)
      return { field, message: `${field} is too large: it holds more than ${cap} values` };
  }
  return null;
}
