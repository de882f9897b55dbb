import { join } from 'node:path';
import { readLongFormat } from '../../../../src/data/readers/long-format.reader.js';

const LONG = join(__dirname, '../../../fixtures/readers/long.csv');

describe('readLongFormat', () => {
  it('reads unique_id, ds, y and numeric extra columns; drops text columns with a warning', async () => {
    const { data, meta } = await readLongFormat(LONG);
    expect(meta.kind).toBe('long');
    expect(data.length).toBe(80);
    expect(data.uniqueId[0]).toBe('store1/apple');
    expect(data.ds[31]).toBe('2021-02-01');
    expect(data.y[0]).toBe(10);
    expect(Object.keys(data.extra)).toEqual(['price']);
    expect(data.extra.price[1]).toBeCloseTo(3.6, 12);
    expect(data.extra.price[60]).toBeNaN();
    const dropped = meta.issues.list('warning').find((w) => w.code === 'non-numeric-column');
    expect(dropped?.column).toBe('note');
    expect(meta.issues.list('error')).toEqual([]);
  });

  it('keeps empty y as missing (warning) and skips rows with unusable id, date or y', async () => {
    const text = [
      'unique_id,ds,y,promo',
      'a,2021-01-01,1,0',
      'a,2021/1/2,,1',
      ',2021-01-03,3,0',
      'a,2021-01-32,4,0',
      'a,2021-01-05,four,0',
      'a,2021-01-06,6,yes',
    ].join('\n');
    const { data, meta } = await readLongFormat(Buffer.from(text));
    expect(data.ds).toEqual(['2021-01-01', '2021-01-02', '2021-01-06']);
    expect(Array.from(data.y)).toEqual([1, NaN, 6]);
    expect(Array.from(data.extra.promo)).toEqual([0, 1, NaN]);
    const errors = meta.issues.list('error').map((e) => `${e.code}@${e.examples[0].line}`);
    expect(errors.sort()).toEqual(['bad-date@5', 'bad-number@6', 'missing-value@4']);
    const warnings = meta.issues.list('warning').map((w) => `${w.code}:${w.column}`);
    expect(warnings.sort()).toEqual(['bad-number:promo', 'missing-value:y']);
  });

  it('refuses values beyond float32 (the panel cells) as not numbers, keeping large finite ones', async () => {
    const text = [
      'unique_id,ds,y',
      'a,2021-01-01,3e38',
      'a,2021-01-02,1e39',
      'a,2021-01-03,-1e100',
      'a,2021-01-04,1e400',
      'a,2021-01-05,12345678901234567890',
    ].join('\n');
    const { data, meta } = await readLongFormat(Buffer.from(text));
    expect(data.ds).toEqual(['2021-01-01', '2021-01-05']);
    expect(Array.from(data.y)).toEqual([3e38, Number('12345678901234567890')]);
    const errors = meta.issues.list('error');
    expect(errors.map((e) => `${e.code}:${e.count}`)).toEqual(['bad-number:3']);
    expect(errors[0].examples.map((e) => e.value)).toEqual(['1e39', '-1e100', '1e400']);
  });

  it('needs unique_id, ds and y', async () => {
    const { meta } = await readLongFormat(Buffer.from('id,date,value\na,2021-01-01,1\n'));
    expect(meta.columnsMissing).toEqual(['unique_id', 'ds', 'y']);
    expect(meta.issues.list('error').map((e) => e.code)).toEqual(['missing-column']);
  });
});
