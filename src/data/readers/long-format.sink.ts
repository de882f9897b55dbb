import type { LongSeriesColumns } from '../annex.types.js';
import type { IssueExample } from '../validation/validation-report.types.js';
import { ByteInterner } from './byte.interner.js';
import { Float64Builder } from './column.builders.js';
import type { CsvRow } from './csv.scanner.js';
import type { FieldProblem } from './field.parsers.js';
import { SinkBase, type RowSink, type SinkContext } from './row.sink.js';
import { headerKey, TABLE_COLUMNS } from './table.columns.js';

interface ExtraColumn {
  name: string;
  field: number;
  values: Float64Builder;
  valid: number;
  invalid: number;
  examples: IssueExample[];
}

/** Takes each parsed long-format row as it is read, instead of the sink keeping it. */
export interface LongRowConsumer {
  row(uniqueId: string, ds: string, y: number, line: number): void;
}

/** A long-format file: `unique_id,ds,y` plus any numeric columns (Nixtla's convention). */
export class LongFormatSink extends SinkBase<'long'> implements RowSink<LongSeriesColumns> {
  private readonly iId: number;
  private readonly iDs: number;
  private readonly iY: number;
  private readonly extras: ExtraColumn[] = [];
  private readonly ids = new ByteInterner<string>();
  private readonly dates = new ByteInterner<string | FieldProblem>();
  private readonly uniqueId: string[] = [];
  private readonly ds: string[] = [];
  private readonly y = new Float64Builder();

  /** With `consumer`, rows go to it as they are read and `finish` returns no rows. */
  constructor(
    ctx: SinkContext,
    private readonly consumer?: LongRowConsumer,
  ) {
    super(ctx);
    this.iId = this.col('uniqueId');
    this.iDs = this.col('ds');
    this.iY = this.col('y');
    const used = new Set(Object.values(ctx.index));
    const reserved = new Set(TABLE_COLUMNS.long.map((c) => headerKey(c.en)));
    const names = new Set<string>();
    ctx.headers.forEach((name, field) => {
      if (name === '' || used.has(field) || reserved.has(headerKey(name)) || names.has(name))
        return;
      names.add(name);
      this.extras.push({
        name,
        field,
        values: new Float64Builder(),
        valid: 0,
        invalid: 0,
        examples: [],
      });
    });
  }

  accept(row: CsvRow): boolean {
    const id = row.intern(this.iId, this.ids, (t) => t);
    if (id === '') return this.missing(row, this.iId);
    const ds = this.readDate(row, this.iDs, this.dates);
    if (ds === null) return false;
    let y = row.number(this.iY);
    if (Number.isNaN(y)) {
      if (!row.isBlank(this.iY)) {
        const msg = 'values that are not numbers; rows skipped';
        this.report('bad-number', 'error', msg, row, this.iY);
        return false;
      }
      this.report('missing-value', 'warning', 'empty y values (kept as missing)', row, this.iY);
      y = NaN;
    }
    for (const extra of this.extras) {
      const v = row.number(extra.field);
      if (!Number.isNaN(v)) extra.valid++;
      else if (!row.isBlank(extra.field)) {
        extra.invalid++;
        if (extra.examples.length < this.ctx.issues.maxExamples) {
          extra.examples.push({ line: row.line, column: extra.name, value: row.text(extra.field) });
        }
      }
      if (this.consumer === undefined) extra.values.push(v);
    }
    if (this.consumer !== undefined) {
      this.consumer.row(id, ds, y, row.line);
      return true;
    }
    this.uniqueId.push(id);
    this.ds.push(ds);
    this.y.push(y);
    return true;
  }

  finish(): LongSeriesColumns {
    const extra: Record<string, Float64Array> = {};
    const issues = this.ctx.issues;
    for (const col of this.extras) {
      if (col.invalid > 0 && col.valid === 0) {
        const msg = 'extra columns that are not numeric; ignored';
        issues.addAll('non-numeric-column', 'warning', msg, 1, col.examples.slice(0, 1), col.name);
        continue;
      }
      if (col.invalid > 0) {
        const msg = 'values that are not numbers in an extra column (kept as missing)';
        issues.addAll('bad-number', 'warning', msg, col.invalid, col.examples, col.name);
      }
      extra[col.name] = col.values.finish();
    }
    return {
      length: this.uniqueId.length,
      uniqueId: this.uniqueId,
      ds: this.ds,
      y: this.y.finish(),
      extra,
    };
  }
}

export function emptyLongSeries(): LongSeriesColumns {
  return { length: 0, uniqueId: [], ds: [], y: new Float64Array(0), extra: {} };
}
