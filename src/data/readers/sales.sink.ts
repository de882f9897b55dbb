import type { SalesColumns } from '../annex.types.js';
import { ByteInterner } from './byte.interner.js';
import { Float64Builder, Uint8Builder } from './column.builders.js';
import type { CsvRow } from './csv.scanner.js';
import { isTimeText, parseSaleType, parseYesNo, type FieldProblem } from './field.parsers.js';
import { SinkBase, type RowSink, type SinkContext } from './row.sink.js';

/** annex2: one record per transaction line. */
export class SalesSink extends SinkBase<'annex2'> implements RowSink<SalesColumns> {
  private readonly iDate: number;
  private readonly iTime: number;
  private readonly iCode: number;
  private readonly iQty: number;
  private readonly iPrice: number;
  private readonly iType: number;
  private readonly iDiscount: number;
  private readonly dates = new ByteInterner<string | FieldProblem>();
  private readonly codes = new ByteInterner<string | FieldProblem>();
  private readonly types = new ByteInterner<number>();
  private readonly flags = new ByteInterner<number>();
  private readonly date: string[] = [];
  private readonly time: string[] = [];
  private readonly itemCode: string[] = [];
  private readonly quantity = new Float64Builder();
  private readonly unitPrice = new Float64Builder();
  private readonly isReturn = new Uint8Builder();
  private readonly discount = new Uint8Builder();

  constructor(ctx: SinkContext) {
    super(ctx);
    this.iDate = this.col('date');
    this.iTime = this.col('time');
    this.iCode = this.col('itemCode');
    this.iQty = this.col('quantity');
    this.iPrice = this.col('unitPrice');
    this.iType = this.col('saleOrReturn');
    this.iDiscount = this.col('discount');
  }

  accept(row: CsvRow): boolean {
    const date = this.readDate(row, this.iDate, this.dates);
    if (date === null) return false;
    const code = this.readCode(row, this.iCode, this.codes);
    if (code === null) return false;
    const qty = this.readNumber(row, this.iQty);
    if (Number.isNaN(qty)) return false;
    const price = this.readNumber(row, this.iPrice);
    if (Number.isNaN(price)) return false;

    let isReturn = qty < 0 ? 1 : 0;
    if (this.iType >= 0) {
      const t = row.intern(this.iType, this.types, parseSaleType);
      if (t >= 0) isReturn = t;
      else if (t === -1) {
        const msg =
          'values not recognised (expected Sale/Return or 销售/退货); the sign of the quantity decides';
        this.report('unknown-flag', 'warning', msg, row, this.iType);
      }
    }
    let discount = 0;
    if (this.iDiscount >= 0) {
      const f = row.intern(this.iDiscount, this.flags, parseYesNo);
      if (f >= 0) discount = f;
      else if (f === -1) {
        const msg = 'values not recognised (expected Yes/No or 是/否); read as No';
        this.report('unknown-flag', 'warning', msg, row, this.iDiscount);
      }
    }
    let time = '';
    if (this.iTime >= 0) {
      time = row.text(this.iTime);
      if (time !== '' && !isTimeText(time)) {
        const msg = 'values that are not times of day (HH:MM:SS); kept as written';
        this.report('bad-time', 'warning', msg, row, this.iTime);
      }
    }
    this.date.push(date);
    this.time.push(time);
    this.itemCode.push(code);
    this.quantity.push(qty);
    this.unitPrice.push(price);
    this.isReturn.push(isReturn);
    this.discount.push(discount);
    return true;
  }

  finish(): SalesColumns {
    return {
      length: this.date.length,
      date: this.date,
      time: this.time,
      itemCode: this.itemCode,
      quantity: this.quantity.finish(),
      unitPrice: this.unitPrice.finish(),
      isReturn: this.isReturn.finish(),
      discount: this.discount.finish(),
    };
  }
}

export function emptySales(): SalesColumns {
  return {
    length: 0,
    date: [],
    time: [],
    itemCode: [],
    quantity: new Float64Array(0),
    unitPrice: new Float64Array(0),
    isReturn: new Uint8Array(0),
    discount: new Uint8Array(0),
  };
}
