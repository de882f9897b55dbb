import type { ByteInterner } from './byte.interner.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const NBSP_LEAD = 0xc2;
const NBSP_TAIL = 0xa0;
/** A record longer than this means a wrong delimiter, an unclosed quote or not a CSV at all. */
export const MAX_RECORD_BYTES = 4 << 20;

const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Largest finite float32: panel cells are float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
const SPACE_LIKE = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;

/** Trims and turns non-breaking and other odd spaces into plain spaces. */
export function cleanText(s: string): string {
  let t = s;
  for (let i = 0; i < t.length; i++) {
    if (t.charCodeAt(i) >= 0x80) {
      t = t.replace(SPACE_LIKE, ' ');
      break;
    }
  }
  if (t.length === 0) return t;
  const a = t.charCodeAt(0);
  const b = t.charCodeAt(t.length - 1);
  return a <= SPACE || b <= SPACE ? t.trim() : t;
}

/** The current record while the scanner calls back: fields read lazily from the byte buffer. */
export interface CsvRow {
  /** File line (1-based) where the record starts. */
  readonly line: number;
  readonly fieldCount: number;
  /** Empty or only spaces. */
  isBlank(i: number): boolean;
  /** The field as text: unquoted, trimmed, non-breaking spaces made plain. '' when absent. */
  text(i: number): string;
  /** The field as a number (spaces and NBSP around it allowed); NaN when blank or not a number. */
  number(i: number, allowPercent?: boolean): number;
  /** The value `make(text)` for this field's bytes, computed once per distinct value. */
  intern<T>(i: number, table: ByteInterner<T>, make: (text: string) => T): T;
}

export interface ScannerEvents {
  row(row: CsvRow): void;
  problem(code: 'unterminated-quote' | 'malformed-quote' | 'record-too-large', line: number): void;
  /** Bytes fully consumed (ending on a record boundary, so on a character boundary). */
  consumed?(bytes: Buffer, firstLine: number): void;
}

/**
 * Streaming CSV tokenizer over UTF-8 byte chunks (RFC 4180 quotes, `""` escapes, LF / CRLF / CR
 * line ends, line numbers). It keeps field offsets in typed arrays and hands itself to the row
 * callback; nothing is allocated per row unless the callback asks for text.
 */
export class CsvScanner implements CsvRow {
  line = 0;
  fieldCount = 0;
  private buf: Buffer = Buffer.alloc(0);
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  /** 0 plain, 1 quoted, 2 quoted with `""` escapes inside. */
  private quoting = new Uint8Array(32);
  private nextLine = 1;
  private pending: Buffer | null = null;
  private stopped = false;

  constructor(
    private readonly delimiter: number,
    private readonly events: ScannerEvents,
    private readonly maxRecordBytes = MAX_RECORD_BYTES,
  ) {}

  /** Stops scanning: later chunks are ignored. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get delimiterChar(): string {
    return String.fromCharCode(this.delimiter);
  }

  push(chunk: Buffer): void {
    if (this.stopped) return;
    let buf = chunk;
    if (this.pending !== null) {
      // Finish the carried-over record with the chunk's first line only: no copy of the chunk.
      const nl = chunk.indexOf(LF);
      const cut = nl < 0 ? chunk.length : nl + 1;
      const head = Buffer.concat([this.pending, chunk.subarray(0, cut)]);
      this.pending = null;
      const used = this.scanPart(head, false);
      buf =
        used < head.length
          ? Buffer.concat([head.subarray(used), chunk.subarray(cut)])
          : chunk.subarray(cut);
    }
    const used = this.scanPart(buf, false);
    this.pending = used < buf.length ? buf.subarray(used) : null;
    if (this.pending !== null && this.pending.length > this.maxRecordBytes && !this.stopped) {
      this.events.problem('record-too-large', this.nextLine);
      this.stop();
    }
  }

  end(): void {
    if (this.stopped || this.pending === null) return;
    const buf = this.pending;
    this.pending = null;
    this.scanPart(buf, true);
  }

  isBlank(i: number): boolean {
    if (i >= this.fieldCount) return true;
    const b = this.buf;
    for (let p = this.starts[i], e = this.ends[i]; p < e; p++) {
      const c = b[p];
      if (c === SPACE || c === TAB) continue;
      if (c === NBSP_LEAD && p + 1 < e && b[p + 1] === NBSP_TAIL) {
        p++;
        continue;
      }
      return false;
    }
    return true;
  }

  text(i: number): string {
    if (i >= this.fieldCount) return '';
    const raw = this.buf.toString('utf8', this.starts[i], this.ends[i]);
    return cleanText(this.quoting[i] === 2 ? raw.replaceAll('""', '"') : raw);
  }

  number(i: number, allowPercent = false): number {
    if (i >= this.fieldCount) return NaN;
    const b = this.buf;
    let s = this.starts[i];
    let e = this.ends[i];
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    for (;;) {
      if (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
      else if (e - 1 > s && b[e - 1] === NBSP_TAIL && b[e - 2] === NBSP_LEAD) e -= 2;
      else break;
    }
    if (s === e) return NaN;
    let neg = false;
    if (b[s] === 45) {
      neg = true;
      s++;
    } else if (b[s] === 43) s++;
    let mantissa = 0;
    let digits = 0;
    let frac = 0;
    let dot = false;
    for (; s < e; s++) {
      const c = b[s];
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (dot) frac++;
      } else if (c === 46 && !dot) dot = true;
      else break;
    }
    const percentOnly = allowPercent && s === e - 1 && b[s] === 37;
    if ((s < e && !percentOnly) || digits > 15) return this.slowNumber(i, allowPercent);
    if (digits === 0) return NaN;
    const v = frac === 0 ? mantissa : mantissa / POW10[frac];
    return neg ? -v : v;
  }

  intern<T>(i: number, table: ByteInterner<T>, make: (text: string) => T): T {
    const s = i < this.fieldCount ? this.starts[i] : 0;
    const e = i < this.fieldCount ? this.ends[i] : 0;
    const at = table.find(this.buf, s, e);
    if (at >= 0) return table.value(at);
    const value = make(this.text(i));
    table.insert(this.buf, s, e, value);
    return value;
  }

  private slowNumber(i: number, allowPercent: boolean): number {
    let t = this.text(i);
    if (allowPercent && t.endsWith('%')) t = t.slice(0, -1).trimEnd();
    if (!NUMBER_TEXT.test(t)) return NaN;
    // Beyond float32 (1e39, 1e400 → Infinity) a value cannot be a panel cell: not a number here.
    const v = Number(t);
    return Math.abs(v) <= FLOAT32_MAX ? v : NaN;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const quoting = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    quoting.set(this.quoting);
    this.starts = starts;
    this.ends = ends;
    this.quoting = quoting;
  }

  private scanPart(buf: Buffer, final: boolean): number {
    if (this.stopped) return buf.length;
    const firstLine = this.nextLine;
    const used = this.scan(buf, final);
    if (used > 0) this.events.consumed?.(buf.subarray(0, used), firstLine);
    return used;
  }

  /** Scans whole records from `buf`; returns the bytes consumed (the rest is an unfinished record). */
  private scan(buf: Buffer, final: boolean): number {
    const len = buf.length;
    const d = this.delimiter;
    this.buf = buf;
    let p = 0;
    let line = this.nextLine;
    while (p < len && !this.stopped) {
      const recStart = p;
      const recLine = line;
      let nf = 0;
      for (;;) {
        if (nf === this.starts.length) this.growFields();
        if (p < len && buf[p] === QUOTE) {
          let q = p + 1;
          let escaped = 0;
          let closed = -1;
          while (q < len) {
            const c = buf[q];
            if (c === QUOTE) {
              if (q + 1 < len && buf[q + 1] === QUOTE) {
                escaped = 1;
                q += 2;
                continue;
              }
              if (q + 1 >= len && !final) break;
              closed = q;
              break;
            }
            if (c === LF || (c === CR && buf[q + 1] !== LF)) line++;
            q++;
          }
          if (closed < 0) {
            if (!final) {
              this.nextLine = recLine;
              return recStart;
            }
            this.events.problem('unterminated-quote', recLine);
            closed = len;
          }
          this.starts[nf] = p + 1;
          this.ends[nf] = closed;
          this.quoting[nf] = 1 + escaped;
          nf++;
          p = closed + 1;
          let junk = false;
          while (p < len) {
            const c = buf[p];
            if (c === d || c === LF || c === CR) break;
            if (c !== SPACE && c !== TAB) junk = true;
            p++;
          }
          if (junk) this.events.problem('malformed-quote', recLine);
        } else {
          const s = p;
          while (p < len) {
            const c = buf[p];
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          this.starts[nf] = s;
          this.ends[nf] = p;
          this.quoting[nf] = 0;
          nf++;
        }
        if (p >= len) {
          if (!final) {
            this.nextLine = recLine;
            return recStart;
          }
          break;
        }
        const c = buf[p];
        if (c === d) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 < len) p += buf[p + 1] === LF ? 2 : 1;
          else if (!final) {
            this.nextLine = recLine;
            return recStart;
          } else p++;
        } else p++;
        line++;
        break;
      }
      this.line = recLine;
      this.fieldCount = nf;
      if (nf > 1 || this.ends[0] > this.starts[0] || this.quoting[0] !== 0) this.events.row(this);
    }
    this.nextLine = line;
    return p;
  }
}

/** Picks the delimiter (comma, semicolon, tab or pipe) that splits the first line most often. */
export function detectDelimiter(head: Buffer): number {
  const candidates = [44, 59, 9, 124];
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      if (counts.some((n) => n > 0)) break;
    } else if (!quoted) {
      const k = candidates.indexOf(c);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < candidates.length; k++) if (counts[k] > counts[best]) best = k;
  return candidates[best];
}
