import { PassThrough, Writable } from 'node:stream';
import type { LongSeriesColumns } from '../../../../src/data/annex.types.js';
import { dateRange } from '../../../../src/data/dates.js';
import { formatFloat32 } from '../../../../src/data/panel/csv-number.format.js';
import { buildAnnexPanel } from '../../../../src/data/panel/annex-panel.builder.js';
import { buildLongPanel } from '../../../../src/data/panel/long-panel.builder.js';
import { writePanelCsv } from '../../../../src/data/panel/panel-csv.writer.js';
import { annexData, seededRandom } from './annex-data.fixture.js';

async function collect(write: (sink: Writable) => Promise<number>): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await write(sink);
  return Buffer.concat(chunks).toString('utf8');
}

/** Minimal reader for the unquoted long-format text written here (the real reader lives elsewhere). */
function parseLong(text: string): LongSeriesColumns {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header.split(',');
  const rows = lines.map((l) => l.split(','));
  const num = (v: string): number => (v === '' ? NaN : Number(v));
  return {
    length: rows.length,
    uniqueId: rows.map((r) => r[0]),
    ds: rows.map((r) => r[1]),
    y: Float64Array.from(rows, (r) => num(r[2])),
    extra: Object.fromEntries(
      names.slice(3).map((name, i) => [name, Float64Array.from(rows, (r) => num(r[i + 3]))]),
    ),
  };
}

const panel = buildAnnexPanel(
  annexData({
    items: [{ code: '100', categoryCode: 'c1' }, { code: '200' }],
    sales: [
      { date: '2023-05-01', item: '100', qty: 1.234, price: 7.77, disc: true },
      { date: '2023-05-03', item: '200', qty: 0.3, price: 1.1 },
    ],
    quotes: [
      { date: '2023-05-02', item: '100', price: 4.2 },
      { date: '2023-05-03', item: '100', price: 4.3 },
    ],
    lossPct: { '100': 5 },
  }),
);

describe('panel CSV writer', () => {
  it('writes unique_id,ds,y then the other columns, one row per listed cell', async () => {
    const text = await collect((sink) => writePanelCsv(panel, sink));
    expect(text.split('\n')).toEqual([
      'unique_id,ds,y,revenue,price,wholesale,discount_share,return_kg,listed,category,loss_rate',
      '100,2023-05-01,1.234,9.58818,7.77,,1,0,1,c1,0.05',
      '100,2023-05-02,0,0,,4.2,,0,1,c1,0.05',
      '100,2023-05-03,0,0,,4.3,,0,1,c1,0.05',
      '200,2023-05-03,0.3,0.33,1.1,,0,0,1,,',
      '',
    ]);
  });

  it('reads back as a long-format series into the same panel', async () => {
    for (const target of ['quantity', 'wholesale'] as const) {
      const text = await collect((sink) => writePanelCsv(panel, sink, { target }));
      const back = buildLongPanel(parseLong(text), { target });
      expect(back.seriesIds).toEqual(panel.seriesIds);
      expect(back.dates).toEqual(panel.dates);
      for (const [name, values] of panel.columns) expect(back.columns.get(name)).toEqual(values);
      const listedBack = Array.from(back.columns.get('listed')!, (v) => (v === 1 ? 1 : 0));
      expect(listedBack).toEqual(Array.from(panel.listed));
    }
  });

  it('waits for a slow sink instead of buffering everything', async () => {
    const days = dateRange('2020-01-01', '2022-09-26'); // 1,000 days
    const n = 20 * days.length;
    const big = buildLongPanel({
      length: n,
      uniqueId: Array.from({ length: n }, (_, i) => `s${i % 20}`),
      ds: Array.from({ length: n }, (_, i) => days[Math.floor(i / 20)]),
      y: Float64Array.from({ length: n }, (_, i) => i + 0.25),
      extra: {},
    });
    let bytes = 0;
    let maxPending = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done): void {
        bytes += chunk.length;
        maxPending = Math.max(maxPending, slow.writableLength);
        setImmediate(done);
      },
    });
    const rows = await writePanelCsv(big, slow);
    expect(rows).toBe(n);
    expect(bytes).toBeGreaterThan(400_000);
    expect(maxPending).toBeLessThan(1 << 17); // one chunk, not the whole file
  });

  it('refuses a target the panel does not have', async () => {
    const long = buildLongPanel({
      length: 1,
      uniqueId: ['a'],
      ds: ['2024-01-01'],
      y: Float64Array.of(1),
      extra: {},
    });
    await expect(writePanelCsv(long, new PassThrough(), { target: 'price' })).rejects.toThrow(
      /price/,
    );
  });
});

describe('formatFloat32', () => {
  it('prints short text that reads back as the same float32', () => {
    const rand = seededRandom(7);
    const wrong: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = Math.fround((rand() - 0.3) * 10 ** Math.floor(rand() * 12 - 4));
      const text = formatFloat32(x);
      const digits = text.replace(/^-|\.|e.*$/g, '').replace(/^0+/, '').length;
      if (Math.fround(Number(text)) !== x || digits > 9) wrong.push(`${x} → ${text}`);
    }
    expect(wrong).toEqual([]);
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(28 / 3))).toBe('9.333333');
    expect(formatFloat32(NaN)).toBe('');
    expect(formatFloat32(-3)).toBe('-3');
    expect(formatFloat32(Math.fround(1.5e-7))).toBe('1.5e-7');
    expect(formatFloat32(Math.fround(1234567.5))).toBe('1234567.5');
  });
});
