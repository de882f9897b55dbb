/**
 * The retailer's four files once read: columnar, item codes kept as strings, dates as ISO strings.
 * Produced by the annex readers, consumed by validation and the panel builder.
 */
export interface ItemMaster {
  code: string[];
  name: string[];
  categoryCode: string[];
  categoryName: string[];
}

/** annex2: one entry per transaction line. */
export interface SalesColumns {
  length: number;
  date: string[];
  /** Time of day as written (HH:MM:SS[.fff]); '' when absent. */
  time: string[];
  itemCode: string[];
  /** kg; negative for returns, as in the source. */
  quantity: Float64Array;
  /** RMB/kg */
  unitPrice: Float64Array;
  /** 1 when "Sale or Return" says Return (退货). */
  isReturn: Uint8Array;
  /** 1 when "Discount (Yes/No)" says Yes (是). */
  discount: Uint8Array;
}

/** annex3: wholesale quotes. */
export interface WholesaleColumns {
  length: number;
  date: string[];
  itemCode: string[];
  price: Float64Array;
}

/** annex4: loss rates in percent as written (0–100). */
export interface LossRates {
  code: string[];
  name: string[];
  lossRatePct: Float64Array;
}

export interface AnnexData {
  items: ItemMaster;
  sales: SalesColumns;
  wholesale: WholesaleColumns;
  lossRates: LossRates;
}

/** A long-format series file (`unique_id,ds,y` + optional numeric columns), columnar. */
export interface LongSeriesColumns {
  length: number;
  uniqueId: string[];
  ds: string[];
  y: Float64Array;
  /** Extra numeric columns by header name; NaN where empty. */
  extra: Record<string, Float64Array>;
}
