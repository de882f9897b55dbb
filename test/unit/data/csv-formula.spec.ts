import { csvTextField } from '../../../src/data/panel/csv-number.format.js';
import { validateUploads } from '../../../src/data/validation/validate-uploads.js';
import { roundKg } from '../../../src/common/wire-numbers.js';
import { csvRowsOf } from '../../../src/jobs/http/batch-result.chunks.js';

describe('formula-like text in CSV exports and validation', () => {
  it('writes ids a spreadsheet would run as formulas with a leading quote', () => {
    expect(csvTextField('=1+2')).toBe("'=1+2");
    expect(csvTextField('+1')).toBe("'+1");
    expect(csvTextField('-2+3')).toBe("'-2+3");
    expect(csvTextField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTextField('\tx')).toBe("'\tx");
    expect(csvTextField('\rx')).toBe('"\'\rx"');
    expect(csvTextField('=HYPERLINK("http://x","a,b")')).toBe(
      '"\'=HYPERLINK(""http://x"",""a,b"")"',
    );
    expect(csvTextField('102900005115762')).toBe('102900005115762');
    expect(csvTextField('a-b=c')).toBe('a-b=c');
  });

  it('neutralises the item code of the batch CSV result', () => {
    const rows = csvRowsOf(
      {
        seriesId: '=cmd|" /C calc"!A0',
        dates: ['2023-07-01'],
        mean: [1],
        quantiles: { p10: [0.5], p50: [1], p90: [2] },
      },
      roundKg,
    );
    expect(rows.startsWith('"\'=cmd|"" /C calc""!A0",2023-07-01,')).toBe(true);
  });

  it('flags formula-like ids in an uploaded long-format file, once per value', async () => {
    const text =
      'unique_id,ds,y\n=1+2,2023-01-01,1\n=1+2,2023-01-02,2\n@x,2023-01-01,3\nok,2023-01-01,4\n';
    const report = await validateUploads([{ name: 'long.csv', bytes: Buffer.from(text) }]);
    const issue = report.files[0].warnings.find((w) => w.code === 'formula-like-text');
    expect(issue).toMatchObject({ count: 2, column: 'unique_id' });
    expect(issue?.examples.map((e) => e.value)).toEqual(['=1+2', '@x']);
  });
});
