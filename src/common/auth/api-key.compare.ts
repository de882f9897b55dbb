import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Constant-time comparison of a presented key with the configured one: both are hashed to 32 bytes
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export function apiKeysEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
