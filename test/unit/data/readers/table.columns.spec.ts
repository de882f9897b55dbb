import {
  detectKind,
  headerKey,
  kindFromFileName,
  matchColumns,
} from '../../../../src/data/readers/table.columns.js';

const keys = (line: string): string[] => line.split(',').map(headerKey);

describe('header matching', () => {
  it('normalises case, spaces, NBSP, underscores and full-width brackets', () => {
    expect(headerKey(' Quantity\u00a0Sold (Kilo) ')).toBe(headerKey('Quantity Sold (kilo)'));
    expect(headerKey('销量（千克）')).toBe(headerKey('销量(千克)'));
    expect(headerKey('UNIQUE_ID')).toBe(headerKey('unique id'));
  });

  it.each([
    ['Item Code,Item Name,Category Code,Category Name', 'annex1'],
    ['单品编码,单品名称,分类编码,分类名称', 'annex1'],
    [
      'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)',
      'annex2',
    ],
    ['销售日期,扫码销售时间,单品编码,销量(千克),销售单价(元/千克),销售类型,是否打折销售', 'annex2'],
    ['Date,Item Code,Wholesale Price (RMB/kg)', 'annex3'],
    ['日期,单品编码,批发价格(元/千克)', 'annex3'],
    ['Item Code,Item Name,Loss Rate (%)', 'annex4'],
    ['单品编码,单品名称,损耗率(%)', 'annex4'],
    ['unique_id,ds,y,price', 'long'],
  ])('detects %s as %s', (header, kind) => {
    expect(detectKind(keys(header), null)).toBe(kind);
  });

  it('uses the file name when the header is incomplete, and gives up on unrelated headers', () => {
    const partialSales = keys('Date,Time,Item Code,Unit Selling Price (RMB/kg)');
    expect(detectKind(partialSales, 'annex2')).toBe('annex2');
    expect(detectKind(partialSales, null)).toBe('annex2');
    expect(detectKind(keys('foo,bar,baz'), null)).toBeNull();
  });

  it('reports missing, duplicate and unknown columns', () => {
    const m = matchColumns('annex2', keys('Date,Item Code,Quantity Sold (kilo),Date,Store'));
    expect(m.missingRequired.map((c) => c.key)).toEqual(['unitPrice']);
    expect(m.missingOptional.map((c) => c.key)).toEqual(['time', 'saleOrReturn', 'discount']);
    expect(m.duplicates).toEqual([3]);
    expect(m.unmatched).toEqual([4]);
    expect(m.index.quantity).toBe(2);
  });

  it('reads the annex number from file names', () => {
    expect(kindFromFileName('annex2.csv')).toBe('annex2');
    expect(kindFromFileName('/data/Annex 3.CSV')).toBe('annex3');
    expect(kindFromFileName('附件4.csv')).toBe('annex4');
    expect(kindFromFileName('annex12.csv')).toBeNull();
    expect(kindFromFileName('sales.csv')).toBeNull();
  });
});
