/**
 * An open-addressing hash table from (series, day) to the line and value of the key's first row,
 * in typed arrays: about 40 bytes per distinct key, no object per entry.
 */
export class KeyTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private series = new Int32Array(1 << 11);
  private days = new Int32Array(1 << 11);
  private lines = new Int32Array(1 << 11);
  private values = new Float64Array(1 << 11);
  size = 0;

  /** Entry of the key, or -1. */
  find(series: number, day: number): number {
    const mask = this.slots.length - 1;
    for (let s = hashKey(series, day) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s];
      if (at < 0) return -1;
      if (this.series[at] === series && this.days[at] === day) return at;
    }
  }

  /** Adds a key that `find` did not find. */
  insert(series: number, day: number, line: number, value: number): void {
    if (this.size === this.series.length) this.growEntries();
    if ((this.size + 1) * 2 > this.slots.length) this.rehash();
    const at = this.size++;
    this.series[at] = series;
    this.days[at] = day;
    this.lines[at] = line;
    this.values[at] = value;
    this.place(at);
  }

  lineAt(at: number): number {
    return this.lines[at];
  }

  yAt(at: number): number {
    return this.values[at];
  }

  private place(at: number): void {
    const mask = this.slots.length - 1;
    let s = hashKey(this.series[at], this.days[at]) & mask;
    while (this.slots[s] >= 0) s = (s + 1) & mask;
    this.slots[s] = at;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let at = 0; at < this.size; at++) this.place(at);
  }

  private growEntries(): void {
    const n = this.series.length * 2;
    this.series = grown(new Int32Array(n), this.series);
    this.days = grown(new Int32Array(n), this.days);
    this.lines = grown(new Int32Array(n), this.lines);
    this.values = grown(new Float64Array(n), this.values);
  }
}

function grown<T extends Int32Array | Float64Array>(next: T, prev: T): T {
  next.set(prev);
  return next;
}

function hashKey(series: number, day: number): number {
  let h = Math.imul(series ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(day, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
