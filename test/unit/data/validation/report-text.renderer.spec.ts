import { renderReportText } from '../../../../src/data/validation/report-text.renderer.js';
import { validateUploads } from '../../../../src/data/validation/validate-uploads.js';
import { validateAnnex } from '../../../../src/data/validation/annex.validator.js';
import { cleanAnnex } from './annex-data.fixture.js';

const HEADER =
  'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)';

describe('renderReportText', () => {
  it('says OK for clean data, with the date range and counts', () => {
    const text = renderReportText(validateAnnex(cleanAnnex()));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Data validation: OK: 0 errors, 0 warnings in 4 files');
    expect(lines[1]).toBe(
      '2020-07-01 .. 2020-07-07 (7 days) · 3 items · 3 series with data · 30 rows',
    );
    expect(text).toContain('annex2 — sales transactions (annex2)');
    expect(text).not.toContain('ERROR');
  });

  it('lists errors and warnings with their line examples and how many more there are', async () => {
    const bad = Array.from(
      { length: 8 },
      (_, i) => `2020-07-0${1 + (i % 3)},09:00:0${i},1,x${i},7.6,Sale,No`,
    );
    const csv = [
      HEADER,
      '2020-07-01,09:00:00,1,1,7.6,Sale,No',
      ...bad,
      '2020-07-05,09:00:00,1,1,7.6,Sale,No',
    ];
    const report = await validateUploads([
      { name: 'sales.csv', bytes: Buffer.from(csv.join('\n')) },
    ]);
    const text = renderReportText(report);
    expect(text.split('\n')[0]).toBe('Data validation: NOT OK: 1 error, 1 warning in 1 file');
    expect(text).toContain(
      'Missing: annex1 (item master), annex3 (wholesale prices), annex4 (loss rates)',
    );
    expect(text).toContain('sales.csv — sales transactions (annex2)');
    expect(text).toContain('10 rows (2 kept) · utf-8 · 2020-07-01 .. 2020-07-05 (5 days)');
    expect(text).toContain(
      'ERROR bad-number  Quantity Sold (kilo): values that are not numbers; rows skipped [8]',
    );
    expect(text).toContain('           line 3 "x0"');
    expect(text).toContain('           … 3 more');
    expect(text).toContain('WARN  dates-without-rows');
    expect(text).toContain('"2020-07-02..2020-07-04"');
  });
});
