import { toEpochDay } from '../../../src/data/dates.js';

/** The plain reference: parse with a RegExp, build with Date.UTC, reject what does not round-trip. */
function referenceEpochDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return NaN;
  return ms / 86_400_000;
}

describe('toEpochDay', () => {
  it('gives the same answers as Date.UTC with a round-trip check, valid dates or not', () => {
    const samples: string[] = [];
    for (let d = -800_000; d <= 2_900_000; d += 997) {
      samples.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
    samples.push(
      '2024-02-29',
      '2023-02-29',
      '1900-02-29',
      '2000-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '0050-01-01',
      '2023-1-01',
      '2023/01/01',
      '20230101',
      '2023-01-01T',
      'abcd-ef-gh',
      '',
    );
    for (const s of samples) expect([s, toEpochDay(s)]).toEqual([s, referenceEpochDay(s)]);
  });
});
