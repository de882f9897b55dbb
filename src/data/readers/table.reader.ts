import { basename } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { IssueCollector } from '../validation/issue.collector.js';
import {
  KIND_LABELS,
  type IssueExample,
  type TableKind,
} from '../validation/validation-report.types.js';
import { Int32Builder } from './column.builders.js';
import { CsvScanner, MAX_RECORD_BYTES, detectDelimiter, type CsvRow } from './csv.scanner.js';
import type { AnyFileRead, FileReadMeta, ReadOptions, TableData } from './file-read.types.js';
import { ItemsSink } from './items.sink.js';
import { LongFormatSink, type LongRowConsumer } from './long-format.sink.js';
import { LossRatesSink } from './loss-rates.sink.js';
import { Utf8Source, type ReadInput } from './read-input.source.js';
import { NO_COLUMNS, type RowSink, type SinkContext } from './row.sink.js';
import { SalesSink } from './sales.sink.js';
import {
  TABLE_COLUMNS,
  TABLE_KINDS,
  columnLabel,
  detectKind,
  headerKey,
  kindFromFileName,
  matchColumns,
  type ColumnMatch,
} from './table.columns.js';
import { WholesaleSink } from './wholesale.sink.js';

type AnySink = { [K in TableKind]: { kind: K; sink: RowSink<TableData[K]> } }[TableKind];

function createSink(kind: TableKind, ctx: SinkContext, longRows?: LongRowConsumer): AnySink {
  switch (kind) {
    case 'annex1':
      return { kind, sink: new ItemsSink(ctx) };
    case 'annex2':
      return { kind, sink: new SalesSink(ctx) };
    case 'annex3':
      return { kind, sink: new WholesaleSink(ctx) };
    case 'annex4':
      return { kind, sink: new LossRatesSink(ctx) };
    case 'long':
      return { kind, sink: new LongFormatSink(ctx, longRows) };
  }
}

function finishSink(s: AnySink, meta: FileReadMeta): AnyFileRead {
  switch (s.kind) {
    case 'annex1':
      return { kind: s.kind, meta, data: s.sink.finish() };
    case 'annex2':
      return { kind: s.kind, meta, data: s.sink.finish() };
    case 'annex3':
      return { kind: s.kind, meta, data: s.sink.finish() };
    case 'annex4':
      return { kind: s.kind, meta, data: s.sink.finish() };
    case 'long':
      return { kind: s.kind, meta, data: s.sink.finish() };
  }
}

function expectedHeaders(kind: TableKind): string {
  return TABLE_COLUMNS[kind].map((c) => c.en).join(', ');
}

export interface ReadTableOptions extends ReadOptions {
  /** Read as this kind instead of detecting it from the header and the file name. */
  kind?: TableKind;
  /** Stop after the header (kind detection only). */
  headerOnly?: boolean;
  /**
   * Long-format rows go to this consumer as they are read (the returned data has no rows, and no
   * line numbers are kept): a one-pass check holds what it needs, not the rows.
   */
  longRows?: LongRowConsumer;
  /** Called for each row kept in the columns (to bound them: it may throw to stop reading). */
  onRowKept?: () => void;
}

/** Reads one file in a single streaming pass, detecting its kind unless told. */
class TableReading {
  readonly issues: IssueCollector;
  private headers: string[] | null = null;
  private match: ColumnMatch | null = null;
  private sink: AnySink | null = null;
  private accepting = false;
  private rows = 0;
  private kept = 0;
  private readonly lines = new Int32Builder();
  private scanner: CsvScanner | null = null;
  private checkUtf8 = true;

  constructor(
    private readonly name: string,
    private readonly opts: ReadTableOptions,
  ) {
    this.issues = new IssueCollector(opts.maxExamples);
  }

  async run(input: ReadInput): Promise<AnyFileRead> {
    const source = new Utf8Source(input, this.issues);
    for await (const chunk of source.chunks()) {
      if (this.scanner === null) {
        this.checkUtf8 = source.encoding === 'utf-8' || source.encoding === 'utf-8-bom';
        this.scanner = new CsvScanner(detectDelimiter(chunk), {
          row: (r) => this.onRow(r),
          problem: (code, line) => this.onProblem(code, line),
          consumed: (bytes, line) => this.onConsumed(bytes, line),
        });
      }
      this.scanner.push(chunk);
      if (this.scanner.isStopped) break;
    }
    this.scanner?.end();
    return this.finish(source.encoding);
  }

  private onRow(row: CsvRow): void {
    let blank = true;
    for (let i = 0; i < row.fieldCount && blank; i++) blank = row.isBlank(i);
    if (blank) return;
    if (this.headers === null) {
      this.onHeader(row);
      return;
    }
    this.rows++;
    if (!this.accepting || this.sink === null || this.match === null) return;
    const width = this.headers.length;
    if (row.fieldCount !== width && !this.acceptWidth(row, width)) return;
    if (!this.sink.sink.accept(row)) return;
    this.kept++;
    if (this.sink.kind === 'long' && this.opts.longRows !== undefined) return;
    this.opts.onRowKept?.();
    this.lines.push(row.line);
  }

  /** Records with too few or too many fields: tolerated when nothing needed is lost. */
  private acceptWidth(row: CsvRow, width: number): boolean {
    const n = row.fieldCount;
    const example = { line: row.line, detail: `${n} fields, the header has ${width}` };
    if (n > width) {
      for (let i = width; i < n; i++) {
        if (!row.isBlank(i)) {
          const msg = 'records with more fields than the header (an unquoted comma?); skipped';
          this.issues.add('ragged-row', 'error', msg, example);
          return false;
        }
      }
      return true;
    }
    const m = this.match;
    const needed = m === null ? [] : TABLE_COLUMNS[m.kind].filter((c) => c.required);
    if (m !== null && needed.every((c) => m.index[c.key] < n)) {
      const msg = 'records with fewer fields than the header; missing fields read as empty';
      this.issues.add('ragged-row', 'warning', msg, example);
      return true;
    }
    const msg = 'records with fewer fields than the header; skipped';
    this.issues.add('ragged-row', 'error', msg, example);
    return false;
  }

  private onHeader(row: CsvRow): void {
    const headers: string[] = [];
    for (let i = 0; i < row.fieldCount; i++) headers.push(row.text(i));
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    this.headers = headers;
    const keys = headers.map(headerKey);
    const forced = this.opts.kind;
    const kind = forced ?? detectKind(keys, kindFromFileName(this.name));
    if (kind === null) {
      const expected = TABLE_KINDS.map((k) => `${k} (${expectedHeaders(k)})`).join('; ');
      this.issues.add('unknown-kind', 'error', 'the header matches none of the known files', {
        line: row.line,
        value: headers.join(', '),
        detail: `expected one of: ${expected}`,
      });
      this.scanner?.stop();
      return;
    }
    const match = matchColumns(kind, keys);
    this.match = match;
    const ctx = { index: match.index, headers, issues: this.issues };
    this.sink = createSink(kind, ctx, this.opts.longRows);
    this.accepting = match.missingRequired.length === 0;
    if (this.opts.headerOnly === true) this.scanner?.stop();
    this.reportHeader(match, headers, keys, row.line);
  }

  private reportHeader(match: ColumnMatch, headers: string[], keys: string[], line: number): void {
    const { kind } = match;
    if (match.missingRequired.length > 0 && this.opts.kind !== undefined) {
      const other = detectKind(keys, null);
      if (
        other !== null &&
        other !== kind &&
        matchColumns(other, keys).missingRequired.length === 0
      ) {
        this.issues.add(
          'wrong-kind',
          'error',
          `this file looks like ${other} (${KIND_LABELS[other]}), not ${kind} (${KIND_LABELS[kind]})`,
          { line, value: headers.join(', ') },
        );
      }
    }
    const missing = (specs: ColumnMatch['missingRequired']): IssueExample[] =>
      specs.map((spec) => ({ line, column: columnLabel(spec) }));
    this.issues.addAll(
      'missing-column',
      'error',
      'required columns are missing (expected names shown); no rows read',
      match.missingRequired.length,
      missing(match.missingRequired),
    );
    this.issues.addAll(
      'missing-column',
      'warning',
      'optional columns are missing',
      match.missingOptional.length,
      missing(match.missingOptional),
    );
    for (const pos of match.duplicates) {
      const msg = 'columns that repeat an earlier one; the first is used';
      this.issues.add('duplicate-column', 'warning', msg, { line, column: headers[pos] });
    }
    if (kind !== 'long') {
      const ignored = match.unmatched.filter((pos) => headers[pos] !== '');
      for (const pos of ignored) {
        this.issues.add('unrecognised-column', 'info', 'columns not used', {
          line,
          column: headers[pos],
        });
      }
    }
  }

  private onProblem(
    code: 'unterminated-quote' | 'malformed-quote' | 'record-too-large',
    line: number,
  ): void {
    if (code === 'unterminated-quote') {
      const msg = 'a quoted field is never closed: the rest of the file was read as one field';
      this.issues.add(code, 'error', msg, { line });
    } else if (code === 'malformed-quote') {
      const msg = 'text after a closing quote (ignored)';
      this.issues.add(code, 'warning', msg, { line });
    } else {
      const mib = MAX_RECORD_BYTES >> 20;
      const msg = `a record longer than ${mib} MiB (wrong delimiter, unclosed quote or not a CSV file); reading stopped`;
      this.issues.add(code, 'error', msg, { line });
    }
  }

  private onConsumed(bytes: Buffer, firstLine: number): void {
    if (!this.checkUtf8 || isUtf8(bytes)) return;
    this.checkUtf8 = false;
    const text = bytes.toString('utf8');
    const at = text.indexOf('\ufffd');
    let line = firstLine;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    const msg = 'bytes that are not valid UTF-8 (read as �); save the file as "CSV UTF-8"';
    this.issues.add('invalid-utf8', 'warning', msg, { line });
  }

  private finish(encoding: FileReadMeta['encoding']): AnyFileRead {
    const fatal = this.issues.has('error');
    if (this.headers === null && !fatal) {
      this.issues.add('empty-file', 'error', 'the file has no header line');
    }
    const headers = this.headers ?? [];
    const match = this.match;
    if (match !== null && this.rows === 0 && !this.opts.headerOnly) {
      this.issues.add('no-data-rows', 'error', 'the file has a header but no data rows');
    }
    const kind = match?.kind ?? this.opts.kind ?? 'unknown';
    let sink = this.sink;
    if (sink === null && kind !== 'unknown') {
      sink = createSink(kind, { index: NO_COLUMNS, headers: [], issues: this.issues });
    }
    const lines = this.lines.finish();
    const meta: FileReadMeta = {
      file: this.name,
      kind,
      encoding,
      delimiter: this.scanner === null ? ',' : this.scanner.delimiterChar,
      rows: this.rows,
      rowsKept: this.kept,
      columnsFound: headers.filter((h) => h !== ''),
      columnsMissing:
        match === null ? [] : [...match.missingRequired, ...match.missingOptional].map(columnLabel),
      issues: this.issues,
      lines,
    };
    if (meta.delimiter !== ',') {
      const msg = `fields are separated by "${meta.delimiter === '\t' ? '\\t' : meta.delimiter}", not commas`;
      this.issues.add('delimiter', 'info', msg);
    }
    return sink === null ? { kind: 'unknown', meta, data: null } : finishSink(sink, meta);
  }
}

/**
 * Reads one CSV file of any known kind (annex1..4 with English or Chinese headers, or long
 * format), detecting the kind from its header and name unless `opts.kind` says. Never throws for
 * bad content: problems are in `meta.issues`.
 */
export async function readTable(
  input: ReadInput,
  opts: ReadTableOptions = {},
): Promise<AnyFileRead> {
  const name = opts.name ?? (typeof input === 'string' ? basename(input) : 'upload');
  return new TableReading(name, opts).run(input);
}
