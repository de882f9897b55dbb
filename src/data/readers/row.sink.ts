import type { IssueCode, Severity, TableKind } from '../validation/validation-report.types.js';
import type { IssueCollector } from '../validation/issue.collector.js';
import type { ByteInterner } from './byte.interner.js';
import type { CsvRow } from './csv.scanner.js';
import { isProblem, parseCodeText, parseDateText, type FieldProblem } from './field.parsers.js';
import type { ColumnKey } from './table.columns.js';

/** Receives the data records of one file and builds its columns. */
export interface RowSink<T> {
  /** Parses one record; false when it was skipped (the issue is recorded). */
  accept(row: CsvRow): boolean;
  finish(): T;
}

export interface SinkContext {
  /** Field index per column key (-1 when absent). */
  index: Readonly<Record<string, number>>;
  /** Header fields as written. */
  headers: readonly string[];
  issues: IssueCollector;
}

export const NO_COLUMNS: SinkContext['index'] = {};

/** Field reading with issue reporting shared by the per-file sinks. */
export abstract class SinkBase<K extends TableKind> {
  constructor(protected readonly ctx: SinkContext) {}

  protected col(key: ColumnKey<K>): number {
    return this.ctx.index[key] ?? -1;
  }

  protected label(i: number): string {
    return this.ctx.headers[i] ?? `column ${i + 1}`;
  }

  protected report(
    code: IssueCode,
    severity: Severity,
    message: string,
    row: CsvRow,
    i: number,
    detail?: string,
  ): void {
    const example =
      detail === undefined
        ? { line: row.line, column: this.label(i), value: row.text(i) }
        : { line: row.line, column: this.label(i), value: row.text(i), detail };
    this.ctx.issues.add(code, severity, message, example);
  }

  protected missing(row: CsvRow, i: number): false {
    this.report(
      'missing-value',
      'error',
      'empty values in a required column; rows skipped',
      row,
      i,
    );
    return false;
  }

  /** A date column through the interner; null (and an issue) when unusable. */
  protected readDate(
    row: CsvRow,
    i: number,
    table: ByteInterner<string | FieldProblem>,
  ): string | null {
    const v = row.intern(i, table, parseDateText);
    if (!isProblem(v)) return v;
    if (v.problem === 'empty') this.missing(row, i);
    else
      this.report(
        'bad-date',
        'error',
        'values that are not dates; rows skipped',
        row,
        i,
        v.problem,
      );
    return null;
  }

  /** A code column (through the interner when given); null (and an issue) when unusable. */
  protected readCode(
    row: CsvRow,
    i: number,
    table: ByteInterner<string | FieldProblem> | null,
  ): string | null {
    const v = table === null ? parseCodeText(row.text(i)) : row.intern(i, table, parseCodeText);
    if (!isProblem(v)) return v;
    if (v.problem === 'empty') this.missing(row, i);
    else this.report('bad-item-code', 'error', 'unusable codes; rows skipped', row, i, v.problem);
    return null;
  }

  /** A required number; NaN (and an issue) when blank or not a number. */
  protected readNumber(row: CsvRow, i: number, allowPercent = false): number {
    const v = row.number(i, allowPercent);
    if (!Number.isNaN(v)) return v;
    if (row.isBlank(i)) this.missing(row, i);
    else this.report('bad-number', 'error', 'values that are not numbers; rows skipped', row, i);
    return NaN;
  }
}
