const UNIT_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/**
 * A duration in seconds from `90`, `90s`, `20m`, `1.5h` or `1h30m`; null when it is not one (or not
 * positive). Plain numbers are seconds.
 */
export function parseDurationSec(raw: string | number): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? raw : null;
  const text = raw.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDurationSec(Number(text));
  if (!/^(\d+(\.\d+)?[hms])+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)([hms])/g)) total += Number(m[1]) * UNIT_SEC[m[2]];
  return total > 0 ? total : null;
}
