import type { ItemMaster } from '../annex.types.js';
import type { CsvRow } from './csv.scanner.js';
import { isProblem, parseCodeText } from './field.parsers.js';
import { SinkBase, type RowSink, type SinkContext } from './row.sink.js';

/** annex1: the item master, one item per record. */
export class ItemsSink extends SinkBase<'annex1'> implements RowSink<ItemMaster> {
  private readonly iCode: number;
  private readonly iName: number;
  private readonly iCategoryCode: number;
  private readonly iCategoryName: number;
  private readonly out: ItemMaster = { code: [], name: [], categoryCode: [], categoryName: [] };

  constructor(ctx: SinkContext) {
    super(ctx);
    this.iCode = this.col('itemCode');
    this.iName = this.col('itemName');
    this.iCategoryCode = this.col('categoryCode');
    this.iCategoryName = this.col('categoryName');
  }

  accept(row: CsvRow): boolean {
    const code = this.readCode(row, this.iCode, null);
    if (code === null) return false;
    let category = this.iCategoryCode >= 0 ? parseCodeText(row.text(this.iCategoryCode)) : '';
    if (isProblem(category)) {
      if (category.problem === 'empty') {
        const msg = 'items without a category code (kept, category unknown)';
        this.report('missing-category', 'warning', msg, row, this.iCategoryCode);
      } else {
        const msg = 'unusable category codes (kept, category unknown)';
        this.report('bad-item-code', 'warning', msg, row, this.iCategoryCode, category.problem);
      }
      category = '';
    }
    this.out.code.push(code);
    this.out.name.push(this.iName >= 0 ? row.text(this.iName) : '');
    this.out.categoryCode.push(category);
    this.out.categoryName.push(this.iCategoryName >= 0 ? row.text(this.iCategoryName) : '');
    return true;
  }

  finish(): ItemMaster {
    return this.out;
  }
}

export function emptyItems(): ItemMaster {
  return { code: [], name: [], categoryCode: [], categoryName: [] };
}
