/** Scan lines of one store day, columnar, growable; sorted by time of day before writing. */
export class DayLineBuffer {
  length = 0;
  timeMs = new Int32Array(1024);
  item = new Int32Array(1024);
  quantity = new Float64Array(1024);
  price = new Float64Array(1024);
  isReturn = new Uint8Array(1024);
  discount = new Uint8Array(1024);

  reset(): void {
    this.length = 0;
  }

  push(
    timeMs: number,
    item: number,
    quantity: number,
    price: number,
    isReturn: boolean,
    discount: boolean,
  ): void {
    if (this.length === this.timeMs.length) this.grow();
    const i = this.length++;
    this.timeMs[i] = timeMs;
    this.item[i] = item;
    this.quantity[i] = quantity;
    this.price[i] = price;
    this.isReturn[i] = isReturn ? 1 : 0;
    this.discount[i] = discount ? 1 : 0;
  }

  /** Line indices by time of day (ties: item, then insertion order). */
  sortedOrder(): Uint32Array {
    const idx = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) idx[i] = i;
    const t = this.timeMs;
    const it = this.item;
    idx.sort((a, b) => t[a] - t[b] || it[a] - it[b] || a - b);
    return idx;
  }

  private grow(): void {
    const n = this.timeMs.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.timeMs = g(this.timeMs, (k) => new Int32Array(k));
    this.item = g(this.item, (k) => new Int32Array(k));
    this.quantity = g(this.quantity, (k) => new Float64Array(k));
    this.price = g(this.price, (k) => new Float64Array(k));
    this.isReturn = g(this.isReturn, (k) => new Uint8Array(k));
    this.discount = g(this.discount, (k) => new Uint8Array(k));
  }
}
