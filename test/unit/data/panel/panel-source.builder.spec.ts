import type { LongSeriesColumns } from '../../../../src/data/annex.types.js';
import { buildPanel } from '../../../../src/data/panel/panel-source.builder.js';
import { aggregateSalesArquero } from '../../../../bench/daily-sales.arquero-aggregator.js';
import { annexData } from './annex-data.fixture.js';

describe('panel from either source', () => {
  it('routes a long file to the long builder with the target', () => {
    const series: LongSeriesColumns = {
      length: 1,
      uniqueId: ['x'],
      ds: ['2024-01-01'],
      y: Float64Array.of(2),
      extra: {},
    };
    const panel = buildPanel({ kind: 'long', series }, 'wholesale');
    expect(panel.source).toBe('long');
    expect(panel.columns.get('wholesale')).toEqual(Float32Array.of(2));
  });

  it('routes annex files to the annex builder', () => {
    const data = annexData({
      items: [{ code: '1' }],
      quotes: [{ date: '2024-01-01', item: '1', price: 3 }],
    });
    const panel = buildPanel({ kind: 'annex', data, aggregate: aggregateSalesArquero });
    expect(panel.source).toBe('annex');
    expect(panel.columns.get('quantity')).toEqual(Float32Array.of(0));
  });
});
