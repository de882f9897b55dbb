import type { LossRates } from '../annex.types.js';
import { Float64Builder } from './column.builders.js';
import type { CsvRow } from './csv.scanner.js';
import { SinkBase, type RowSink, type SinkContext } from './row.sink.js';

/** annex4: loss rate in percent per item ("4.39 " and "4.39%" both read as 4.39). */
export class LossRatesSink extends SinkBase<'annex4'> implements RowSink<LossRates> {
  private readonly iCode: number;
  private readonly iName: number;
  private readonly iRate: number;
  private readonly code: string[] = [];
  private readonly name: string[] = [];
  private readonly rate = new Float64Builder();

  constructor(ctx: SinkContext) {
    super(ctx);
    this.iCode = this.col('itemCode');
    this.iName = this.col('itemName');
    this.iRate = this.col('lossRate');
  }

  accept(row: CsvRow): boolean {
    const code = this.readCode(row, this.iCode, null);
    if (code === null) return false;
    const rate = this.readNumber(row, this.iRate, true);
    if (Number.isNaN(rate)) return false;
    this.code.push(code);
    this.name.push(this.iName >= 0 ? row.text(this.iName) : '');
    this.rate.push(rate);
    return true;
  }

  finish(): LossRates {
    return { code: this.code, name: this.name, lossRatePct: this.rate.finish() };
  }
}

export function emptyLossRates(): LossRates {
  return { code: [], name: [], lossRatePct: new Float64Array(0) };
}
