import { createHash, randomBytes } from 'node:crypto';
import { TARGETS, type Target } from '../data/series-panel.js';
import { RegistryError } from './registry.errors.js';

/** A model kind as it appears in ids: lower-case words joined by '-' (`mlp`, `seasonal-naive`). */
export const KIND_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KIND_MAX = 40;
/** `<target>-<kind>-<UTC yyyymmddThhmmssZ>-<6 hex>`, e.g. `quantity-mlp-20261129T013000Z-a1b2c3`. */
export const MODEL_ID_PATTERN =
  /^(quantity|price|wholesale)-([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{8}T\d{6}Z)-([0-9a-f]{6})$/;
const ID_MAX = 96;
/** Alias names: champion, challenger, or another short lower-case name. */
export const ALIAS_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
export const KNOWN_ALIASES = ['champion', 'challenger'] as const;

export interface ParsedModelId {
  id: string;
  target: Target;
  kind: string;
  /** The UTC stamp in the id (seconds). */
  stamp: string;
  hash: string;
}

function printable(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/** Parses and validates a model id; throws RegistryError INVALID_ID for anything else. */
export function parseModelId(id: unknown): ParsedModelId {
  const m = typeof id === 'string' && id.length <= ID_MAX ? MODEL_ID_PATTERN.exec(id) : null;
  if (m === null) {
    throw new RegistryError('INVALID_ID', `invalid model id ${printable(id)}`, {
      expected:
        '<target>-<kind>-<yyyymmddThhmmssZ>-<6 hex>, e.g. quantity-mlp-20261129T013000Z-a1b2c3',
    });
  }
  return { id: m[0], target: m[1] as Target, kind: m[2], stamp: m[3], hash: m[4] };
}

export function isModelId(id: unknown): boolean {
  return typeof id === 'string' && id.length <= ID_MAX && MODEL_ID_PATTERN.test(id);
}

export function assertTarget(target: unknown): Target {
  if (typeof target === 'string' && (TARGETS as readonly string[]).includes(target))
    return target as Target;
  throw new RegistryError('INVALID_ARGUMENT', `unknown target ${printable(target)}`, {
    targets: [...TARGETS],
  });
}

export function assertKind(kind: unknown): string {
  if (typeof kind === 'string' && kind.length <= KIND_MAX && KIND_PATTERN.test(kind)) return kind;
  throw new RegistryError('INVALID_ARGUMENT', `invalid model kind ${printable(kind)}`, {
    expected: 'lower-case words joined by "-"',
  });
}

export function assertAlias(alias: unknown): string {
  if (typeof alias === 'string' && ALIAS_PATTERN.test(alias)) return alias;
  throw new RegistryError('INVALID_ARGUMENT', `invalid alias ${printable(alias)}`, {
    expected: 'lower-case name such as champion or challenger',
  });
}

/** `20261129T013000Z` for a Date (UTC, seconds). */
export function idStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A fresh id: the stamp of `at` and 6 hex of a hash over the content and a random nonce. */
export function makeModelId(target: Target, kind: string, at: Date, content: string): string {
  const hash = createHash('sha256')
    .update(content)
    .update(randomBytes(8))
    .digest('hex')
    .slice(0, 6);
  return parseModelId(`${assertTarget(target)}-${assertKind(kind)}-${idStamp(at)}-${hash}`).id;
}
