import type { WholesaleColumns } from '../annex.types.js';
import { ByteInterner } from './byte.interner.js';
import { Float64Builder } from './column.builders.js';
import type { CsvRow } from './csv.scanner.js';
import type { FieldProblem } from './field.parsers.js';
import { SinkBase, type RowSink, type SinkContext } from './row.sink.js';

/** annex3: one wholesale quote per record. */
export class WholesaleSink extends SinkBase<'annex3'> implements RowSink<WholesaleColumns> {
  private readonly iDate: number;
  private readonly iCode: number;
  private readonly iPrice: number;
  private readonly dates = new ByteInterner<string | FieldProblem>();
  private readonly codes = new ByteInterner<string | FieldProblem>();
  private readonly date: string[] = [];
  private readonly itemCode: string[] = [];
  private readonly price = new Float64Builder();

  constructor(ctx: SinkContext) {
    super(ctx);
    this.iDate = this.col('date');
    this.iCode = this.col('itemCode');
    this.iPrice = this.col('price');
  }

  accept(row: CsvRow): boolean {
    const date = this.readDate(row, this.iDate, this.dates);
    if (date === null) return false;
    const code = this.readCode(row, this.iCode, this.codes);
    if (code === null) return false;
    const price = this.readNumber(row, this.iPrice);
    if (Number.isNaN(price)) return false;
    this.date.push(date);
    this.itemCode.push(code);
    this.price.push(price);
    return true;
  }

  finish(): WholesaleColumns {
    return {
      length: this.date.length,
      date: this.date,
      itemCode: this.itemCode,
      price: this.price.finish(),
    };
  }
}

export function emptyWholesale(): WholesaleColumns {
  return { length: 0, date: [], itemCode: [], price: new Float64Array(0) };
}
