import { PassThrough } from 'node:stream';
import { buildFeatures } from '../../../src/features/feature.pipeline.js';
import { writeFeaturesCsv } from '../../../src/features/features-csv.writer.js';
import { panelOf } from '../../helpers/synthetic-panel.js';

async function text(run: (sink: PassThrough) => Promise<number>): Promise<[number, string[]]> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const rows = await run(sink);
  return [rows, Buffer.concat(chunks).toString('utf8').trimEnd().split('\n')];
}

describe('features CSV writer', () => {
  const panel = panelOf({
    start: '2024-05-01',
    ids: ['a', 'b'],
    columns: {
      quantity: [
        [1.5, NaN, 2],
        [NaN, NaN, 4],
      ],
    },
  });
  const matrix = buildFeatures(panel);

  it('writes unique_id,ds,y and every feature for every series × day', async () => {
    const [rows, lines] = await text((sink) => writeFeaturesCsv(matrix, panel, sink));
    expect(rows).toBe(6);
    expect(lines[0]).toBe(['unique_id', 'ds', 'y', ...matrix.names].join(','));
    const row = lines[3].split(','); // a, 2024-05-03
    expect(row.slice(0, 3)).toEqual(['a', '2024-05-03', '2']);
    expect(row[3 + matrix.names.indexOf('y_mean_7')]).toBe('1.5');
    expect(row[3 + matrix.names.indexOf('y_lag_1')]).toBe('');
    expect(row[3 + matrix.names.indexOf('day_of_week')]).toBe('5');
    expect(lines[4].split(',')[2]).toBe('');
  });

  it('can keep listed days only', async () => {
    const [rows, lines] = await text((sink) =>
      writeFeaturesCsv(matrix, panel, sink, { rows: 'listed' }),
    );
    expect(rows).toBe(3);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' '))).toEqual([
      'a 2024-05-01',
      'a 2024-05-03',
      'b 2024-05-03',
    ]);
  });
});
