import {
  isProblem,
  isTimeText,
  parseCodeText,
  parseDateText,
  parseSaleType,
  parseYesNo,
} from '../../../../src/data/readers/field.parsers.js';

describe('parseDateText', () => {
  it.each([
    ['2020-07-01', '2020-07-01'],
    ['2020/7/1', '2020-07-01'],
    ['2020/07/01', '2020-07-01'],
    ['2020.7.1', '2020-07-01'],
    ['2020-7-1', '2020-07-01'],
    ['20200701', '2020-07-01'],
    ['2020年7月1日', '2020-07-01'],
    ['2020-07-01 00:00:00', '2020-07-01'],
    ['2020/7/1 0:00', '2020-07-01'],
    ['2020-07-01T00:00:00Z', '2020-07-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each([
    ['2021-02-29', 'not a calendar date'],
    ['2020-13-01', 'not a calendar date'],
    ['01/07/2020', 'ambiguous'],
    ['7/1/2020', 'ambiguous'],
    ['44013', 'Excel'],
    ['2020-07/01', 'not a date'],
    ['yesterday', 'not a date'],
    ['', 'empty'],
  ])('refuses %s (%s)', (text, why) => {
    const v = parseDateText(text);
    expect(isProblem(v)).toBe(true);
    expect(isProblem(v) ? v.problem : '').toContain(why);
  });
});

describe('parseCodeText', () => {
  it('keeps 15-digit codes exactly as text (never through Number)', () => {
    expect(parseCodeText('102900005117056')).toBe('102900005117056');
    expect(parseCodeText('102900011000328')).toBe('102900011000328');
    expect(parseCodeText('0012')).toBe('0012');
  });

  it('drops a spreadsheet .0 and text markers, and refuses scientific notation', () => {
    expect(parseCodeText('102900005117056.0')).toBe('102900005117056');
    expect(parseCodeText("'102900005117056")).toBe('102900005117056');
    expect(parseCodeText('="102900005117056"')).toBe('102900005117056');
    expect(isProblem(parseCodeText('=""'))).toBe(true);
    const v = parseCodeText('1.02900005117056E+14');
    expect(isProblem(v) && v.problem).toContain('scientific notation');
    expect(isProblem(parseCodeText(''))).toBe(true);
  });
});

describe('flags and times', () => {
  it('reads Sale/Return and Yes/No in English and Chinese', () => {
    expect(['Sale', 'sale', '销售'].map(parseSaleType)).toEqual([0, 0, 0]);
    expect(['Return', 'RETURN', '退货'].map(parseSaleType)).toEqual([1, 1, 1]);
    expect(parseSaleType('maybe')).toBe(-1);
    expect(parseSaleType('')).toBe(-2);
    expect(['Yes', 'y', '是', '1'].map(parseYesNo)).toEqual([1, 1, 1, 1]);
    expect(['No', 'N', '否', '0'].map(parseYesNo)).toEqual([0, 0, 0, 0]);
    expect(parseYesNo('perhaps')).toBe(-1);
  });

  it('checks times of day without allocating', () => {
    for (const t of ['09:15:07.924', '9:15', '23:59:59', '00:00:00.000000']) {
      expect(isTimeText(t)).toBe(true);
    }
    for (const t of ['24:00', '9:5', '09:15:07.', 'noon', '09-15-07', '09:60']) {
      expect(isTimeText(t)).toBe(false);
    }
  });
});
