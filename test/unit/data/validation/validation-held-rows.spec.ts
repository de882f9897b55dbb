import { validateUploadStream } from '../../../../src/data/validation/validate-uploads.js';
import {
  HeldRows,
  ValidationTooLargeError,
} from '../../../../src/data/validation/validation-limits.js';
import { fromEpochDay, toEpochDay } from '../../../../src/data/dates.js';

/** A long-format file of `series` × `days` keys, written `repeats` times over, in chunks. */
async function* longCsv(series: number, days: number, repeats: number): AsyncGenerator<Buffer> {
  yield Buffer.from('unique_id,ds,y\n');
  const first = toEpochDay('2024-01-01');
  for (let r = 0; r < repeats; r++) {
    let chunk = '';
    for (let s = 0; s < series; s++) {
      for (let d = 0; d < days; d++) chunk += `S${s},${fromEpochDay(first + d)},${(s + d) % 7}\n`;
    }
    yield Buffer.from(chunk);
  }
}

async function* salesCsv(rows: number): AsyncGenerator<Buffer> {
  yield Buffer.from(
    'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)\n',
  );
  for (let i = 0; i < rows; i += 500) {
    let chunk = '';
    for (let k = i; k < Math.min(rows, i + 500); k++) {
      chunk += `2024-01-0${1 + (k % 9)},09:${String(k % 60).padStart(2, '0')}:00.${k % 1000},10${k % 7},0.5,4.2,Sale,No\n`;
    }
    yield Buffer.from(chunk);
  }
}

async function* one(name: string, input: AsyncIterable<Buffer>) {
  yield { name, input };
}

describe('validation holds bounded memory, whatever the size of the upload', () => {
  it('checks a long-format upload in one pass: it holds one entry per distinct key, not its rows', async () => {
    const held = new HeldRows(5_000);
    // 40 series × 100 days = 4,000 keys, each written 50 times: 200,000 rows.
    const report = await validateUploadStream(one('long.csv', longCsv(40, 100, 50)), { held });
    const file = report.files[0];
    expect(file).toMatchObject({ kind: 'long', rows: 200_000, rowsKept: 200_000 });
    expect(held.peak).toBe(4_000);
    expect(report.summary).toMatchObject({
      series: 40,
      dateRange: { start: '2024-01-01', end: '2024-04-09', days: 100 },
    });
    const dup = file.warnings.find((w) => w.code === 'duplicate-key');
    expect(dup?.count).toBe(196_000);
    expect(dup?.examples[0]).toMatchObject({ line: 4_002, value: 'S0 2024-01-01' });
    expect(dup?.examples[0].detail).toContain('also on line 2');
  });

  it('stops an upload whose distinct keys pass the limit with a 413', async () => {
    const held = new HeldRows(1_000);
    const run = validateUploadStream(one('long.csv', longCsv(20, 100, 1)), { held });
    await expect(run).rejects.toBeInstanceOf(ValidationTooLargeError);
    await expect(run).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
      details: { limit_rows: 1_000, file: 'long.csv' },
    });
  });

  it('stops an annex upload as soon as the rows it keeps pass the limit', async () => {
    const held = new HeldRows(1_000);
    const run = validateUploadStream(one('sales.csv', salesCsv(5_000)), { held });
    await expect(run).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(held.held).toBe(1_000);
  });

  it('validates an annex upload under the limit as before', async () => {
    const held = new HeldRows(1_000);
    const report = await validateUploadStream(one('sales.csv', salesCsv(900)), { held });
    expect(report.files[0]).toMatchObject({ kind: 'annex2', rows: 900, rowsKept: 900 });
    expect(held.peak).toBe(900);
  });
});
