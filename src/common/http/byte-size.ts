const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** A size such as `512kb` or `1mb`. */
export const BYTE_SIZE_PATTERN = /^(\d+)(b|kb|mb)$/i;

/** Bytes in a size such as `512kb` or `1mb` (binary units, as `server.bodyLimit` is written). */
export function byteSize(size: string): number {
  const match = BYTE_SIZE_PATTERN.exec(size.trim());
  if (!match) throw new Error(`Not a size such as 512kb or 1mb: '${size}'`);
  return Number(match[1]) * (UNIT_BYTES[match[2].toLowerCase()] ?? 1);
}
