import { parse } from 'csv-parse/sync';
import { ByteInterner } from '../../../../src/data/readers/byte.interner.js';
import {
  CsvScanner,
  cleanText,
  detectDelimiter,
  type CsvRow,
} from '../../../../src/data/readers/csv.scanner.js';

interface Scanned {
  rows: { line: number; fields: string[] }[];
  problems: string[];
}

function scan(text: string | Buffer, chunkSize = 1 << 20, delimiter = 44): Scanned {
  const out: Scanned = { rows: [], problems: [] };
  const scanner = new CsvScanner(delimiter, {
    row: (r: CsvRow) => {
      const fields: string[] = [];
      for (let i = 0; i < r.fieldCount; i++) fields.push(r.text(i));
      out.rows.push({ line: r.line, fields });
    },
    problem: (code, line) => out.problems.push(`${code}@${line}`),
  });
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let at = 0; at < bytes.length; at += chunkSize) {
    scanner.push(bytes.subarray(at, at + chunkSize));
  }
  scanner.end();
  return out;
}

function firstRowOf(text: string): CsvRow {
  let row: CsvRow | null = null;
  const scanner = new CsvScanner(44, {
    row: (r) => {
      row ??= snapshot(r);
    },
    problem: () => undefined,
  });
  scanner.push(Buffer.from(text, 'utf8'));
  scanner.end();
  if (row === null) throw new Error('no row');
  return row;
}

/** The scanner reuses itself for every row: copy what the tests look at. */
function snapshot(r: CsvRow): CsvRow {
  const n = r.fieldCount;
  const texts = Array.from({ length: n }, (_, i) => r.text(i));
  const numbers = Array.from({ length: n }, (_, i) => r.number(i));
  const percents = Array.from({ length: n }, (_, i) => r.number(i, true));
  const blanks = Array.from({ length: n }, (_, i) => r.isBlank(i));
  return {
    line: r.line,
    fieldCount: n,
    text: (i) => texts[i] ?? '',
    number: (i, pct) => (pct === true ? percents[i] : numbers[i]) ?? NaN,
    isBlank: (i) => blanks[i] ?? true,
    intern: () => {
      throw new Error('not in snapshot');
    },
  };
}

describe('CsvScanner', () => {
  it('splits quoted fields with commas, escaped quotes and line breaks, and numbers lines', () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n2,"say ""hi""","two\r\nlines"\r\n3,z,\r\n';
    const { rows, problems } = scan(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', '3'] },
      { line: 3, fields: ['2', 'say "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['3', 'z', ''] },
    ]);
  });

  it('gives the same rows whatever the chunk boundaries (CRLF, quotes, multibyte text)', () => {
    const text =
      '销售日期,单品名称,x\r\n2020/7/1,"牛首, 生菜",1\r\n2020/7/2,"多\n行",2\r\n2020/7/3,西峡花菇,3';
    const whole = scan(text);
    for (const size of [1, 2, 3, 5, 7, 13]) expect(scan(text, size)).toEqual(whole);
    expect(whole.rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(whole.rows[3].fields).toEqual(['2020/7/3', '西峡花菇', '3']);
  });

  it('accepts LF, CRLF and old-Mac CR line ends and skips empty lines', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { rows } = scan(['h1,h2', 'a,1', '', 'b,2', ''].join(eol), 4);
      expect(rows.map((r) => r.fields)).toEqual([
        ['h1', 'h2'],
        ['a', '1'],
        ['b', '2'],
      ]);
      expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    }
  });

  it('reports an unterminated quote and text after a closing quote', () => {
    expect(scan('a,b\n1,"open\n2,3\n').problems).toEqual(['unterminated-quote@2']);
    const bad = scan('a,b\n"x"y,2\n');
    expect(bad.problems).toEqual(['malformed-quote@2']);
    expect(bad.rows[1].fields).toEqual(['x', '2']);
  });

  it('stops with record-too-large when no line end comes', () => {
    const problems: string[] = [];
    const scanner = new CsvScanner(
      44,
      { row: () => undefined, problem: (code, line) => problems.push(`${code}@${line}`) },
      64 * 1024,
    );
    scanner.push(Buffer.from('a,b\n1,2\n'));
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    for (let i = 0; i < 8 && !scanner.isStopped; i++) scanner.push(chunk);
    expect(scanner.isStopped).toBe(true);
    expect(problems).toEqual(['record-too-large@3']);
  });

  it('reads numbers from bytes: spaces, NBSP, signs, decimals, percent, exponent; NaN otherwise', () => {
    const row = firstRowOf('4.39 ,\u00a07.60\u00a0, -0.396 ,+12,1e3,12.5%,abc,1,234,,0.1\n');
    expect(row.number(0)).toBe(4.39);
    expect(row.number(1)).toBe(7.6);
    expect(row.number(2)).toBe(-0.396);
    expect(row.number(3)).toBe(12);
    expect(row.number(4)).toBe(1000);
    expect(row.number(5)).toBeNaN();
    expect(row.number(5, true)).toBe(12.5);
    expect(row.number(6)).toBeNaN();
    expect(row.number(9)).toBeNaN();
    expect(row.isBlank(9)).toBe(true);
    expect(row.number(10)).toBe(0.1);
  });

  it('parses decimals exactly like Number() does', () => {
    const values = ['0.1', '7.60', '141.0', '0.01', '123456789.123456', '3.14159265358979'];
    const row = firstRowOf(`${values.join(',')}\n`);
    values.forEach((v, i) => expect(row.number(i)).toBe(Number(v)));
  });

  it('interns repeated field values: the maker runs once per distinct value', () => {
    const table = new ByteInterner<string>();
    let calls = 0;
    const seen: string[] = [];
    const scanner = new CsvScanner(44, {
      row: (r) =>
        seen.push(
          r.intern(0, table, (t) => {
            calls++;
            return t.toUpperCase();
          }),
        ),
      problem: () => undefined,
    });
    scanner.push(Buffer.from('a\nb\na\na\nb\n'));
    scanner.end();
    expect(seen).toEqual(['A', 'B', 'A', 'A', 'B']);
    expect(calls).toBe(2);
    expect(table.size).toBe(2);
  });
});

describe('cleanText and detectDelimiter', () => {
  it('trims and turns non-breaking spaces into plain ones', () => {
    expect(cleanText(' Flower/Leaf\u00a0Vegetables ')).toBe('Flower/Leaf Vegetables');
    expect(cleanText('本地小毛白菜\u3000')).toBe('本地小毛白菜');
    expect(cleanText('plain')).toBe('plain');
  });

  it('picks the separator of the header line', () => {
    expect(detectDelimiter(Buffer.from('a,b,c\n1;2;3'))).toBe(44);
    expect(detectDelimiter(Buffer.from('a;b;c\n'))).toBe(59);
    expect(detectDelimiter(Buffer.from('a\tb\tc\n'))).toBe(9);
    expect(detectDelimiter(Buffer.from('"a;b",c\n'))).toBe(44);
  });
});

describe('CsvScanner against csv-parse (the oracle)', () => {
  it.each(['\n', '\r\n', '\r'])(
    'splits quoted fields, "" escapes and embedded line ends like csv-parse (line end %j), in any chunking',
    (eol) => {
      const text = [
        'a,b,c',
        '"x, y","say ""hi""",3',
        '"multi\nline",,z',
        'plain,"",  spaced  ',
        '102900005115168,7.50,"2023-06-30"',
        '',
      ].join(eol);
      const expected: string[][] = parse(text, { relax_column_count: true, trim: true });
      expect(expected).toHaveLength(5);
      for (const chunk of [1, 3, 7, 1 << 20]) {
        expect(scan(text, chunk).rows.map((r) => r.fields)).toEqual(expected);
      }
    },
  );
});
