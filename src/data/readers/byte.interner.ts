/**
 * A hash table from field bytes to a parsed value, for low-cardinality columns (dates, item
 * codes, flags): each distinct value is decoded and parsed once, and repeated rows allocate nothing.
 */
export class ByteInterner<T> {
  private slots = new Int32Array(1024).fill(-1);
  private hashes: number[] = [];
  private keys: Uint8Array[] = [];
  private values: T[] = [];

  get size(): number {
    return this.values.length;
  }

  value(index: number): T {
    return this.values[index];
  }

  /** Index of the entry for `buf[start, end)`, or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    const h = hashBytes(buf, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s];
      if (at < 0) return -1;
      if (this.hashes[at] === h && sameBytes(this.keys[at], buf, start, end)) return at;
    }
  }

  insert(buf: Uint8Array, start: number, end: number, value: T): void {
    if ((this.values.length + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const h = hashBytes(buf, start, end);
    const at = this.values.length;
    this.hashes.push(h);
    this.keys.push(Uint8Array.prototype.slice.call(buf, start, end));
    this.values.push(value);
    this.place(h, at);
  }

  private place(h: number, at: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] >= 0) s = (s + 1) & mask;
    this.slots[s] = at;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let at = 0; at < this.hashes.length; at++) this.place(this.hashes[at], at);
  }
}

function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}

function sameBytes(key: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== buf[start + i]) return false;
  return true;
}
