import { createHash } from 'node:crypto';

/**
 * Sticky traffic split: an item always lands on the same side for a given canary (hash of the
 * canary id and the item), so one item's forecasts do not flip between models from one call to the next.
 */
export function canaryBucket(canaryId: string, itemCode: string): number {
  const h = createHash('sha1').update(`${canaryId}\u0000${itemCode}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000;
}

export function routesToCanary(canaryId: string, itemCode: string, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return canaryBucket(canaryId, itemCode) < share;
}
