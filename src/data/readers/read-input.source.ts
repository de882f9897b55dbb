import { createReadStream } from 'node:fs';
import type { IssueCollector } from '../validation/issue.collector.js';

/** What a reader accepts: a file path, the bytes, or a stream of bytes (e.g. an upload). */
export type ReadInput = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'none';

const CHUNK_BYTES = 1 << 20;
const SNIFF_BYTES = 64 * 1024;

async function* byteChunks(input: ReadInput): AsyncGenerator<Buffer> {
  if (typeof input === 'string') {
    yield* byteChunks(createReadStream(input, { highWaterMark: CHUNK_BYTES }));
    return;
  }
  if (input instanceof Uint8Array) {
    const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    for (let at = 0; at < buf.length; at += CHUNK_BYTES) {
      yield buf.subarray(at, Math.min(buf.length, at + CHUNK_BYTES));
    }
    return;
  }
  for await (const chunk of input) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (chunk.length > 0) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

type Verdict =
  | { ok: true; encoding: TextEncodingName; skip: number }
  | { ok: false; code: 'empty-file' | 'binary-file' | 'not-utf8'; message: string };

const MAGIC: ReadonlyArray<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .xlsx Excel workbook?); export it as "CSV UTF-8"'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel .xls workbook; export it as "CSV UTF-8"'],
  [[0x1f, 0x8b], 'a gzip-compressed file; decompress it first'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];

function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[i] !== bytes[i]) return false;
  return true;
}

function decodes(encoding: string, sample: Buffer): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Looks at the first bytes of a file and decides how to decode it, or why it cannot be read. */
function sniff(head: Buffer): Verdict {
  for (const [bytes, what] of MAGIC) {
    if (startsWith(head, bytes)) {
      return { ok: false, code: 'binary-file', message: `not a text file: ${what}` };
    }
  }
  let encoding: TextEncodingName = 'utf-8';
  let skip = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) [encoding, skip] = ['utf-8-bom', 3];
  else if (startsWith(head, [0xff, 0xfe])) [encoding, skip] = ['utf-16le', 2];
  else if (startsWith(head, [0xfe, 0xff])) [encoding, skip] = ['utf-16be', 2];

  let blank = true;
  for (let i = skip; i < head.length && blank; i++) {
    const b = head[i];
    if (
      b !== 32 &&
      b !== 9 &&
      b !== 10 &&
      b !== 13 &&
      !(encoding.startsWith('utf-16') && b === 0)
    ) {
      blank = false;
    }
  }
  if (blank) return { ok: false, code: 'empty-file', message: 'the file is empty' };
  if (encoding !== 'utf-8') return { ok: true, encoding, skip };

  const n = Math.min(head.length, 4096);
  let zerosEven = 0;
  let zerosOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (zerosEven + zerosOdd > 0) {
    const half = n / 2;
    if (zerosOdd > 0.3 * half && zerosEven === 0) return { ok: true, encoding: 'utf-16le', skip };
    if (zerosEven > 0.3 * half && zerosOdd === 0) return { ok: true, encoding: 'utf-16be', skip };
    return { ok: false, code: 'binary-file', message: 'not a text file: it contains NUL bytes' };
  }
  if (control > n * 0.01) {
    return { ok: false, code: 'binary-file', message: 'not a text file: too many control bytes' };
  }
  if (decodes('utf-8', head)) return { ok: true, encoding, skip };
  if (decodes('gb18030', head)) return { ok: true, encoding: 'gb18030', skip };
  return {
    ok: false,
    code: 'not-utf8',
    message: 'the file is not UTF-8 text (nor GBK/GB18030); save it as "CSV UTF-8"',
  };
}

/**
 * Turns any input into a stream of UTF-8 byte chunks: strips a BOM, transcodes UTF-16 and
 * GB18030/GBK (with a warning), and refuses empty, binary and undecodable files with one clear
 * error in `issues`. Never throws for bad content; an unreadable path is reported the same way.
 */
export class Utf8Source {
  encoding: TextEncodingName = 'none';

  constructor(
    private readonly input: ReadInput,
    private readonly issues: IssueCollector,
  ) {}

  async *chunks(): AsyncGenerator<Buffer> {
    const it = byteChunks(this.input)[Symbol.asyncIterator]();
    try {
      const head: Buffer[] = [];
      let headLen = 0;
      let done = false;
      while (headLen < SNIFF_BYTES) {
        const r = await it.next();
        if (r.done === true) {
          done = true;
          break;
        }
        head.push(r.value);
        headLen += r.value.length;
      }
      const first = head.length === 1 ? head[0] : Buffer.concat(head);
      const verdict = sniff(first.subarray(0, SNIFF_BYTES));
      if (!verdict.ok) {
        this.issues.add(verdict.code, 'error', verdict.message);
        return;
      }
      this.encoding = verdict.encoding;
      const rest = async function* (): AsyncGenerator<Buffer> {
        yield first.subarray(verdict.skip);
        while (!done) {
          const r = await it.next();
          if (r.done === true) break;
          yield r.value;
        }
      };
      if (verdict.encoding === 'utf-8' || verdict.encoding === 'utf-8-bom') {
        yield* rest();
        return;
      }
      this.issues.add(
        'transcoded',
        'warning',
        `the file is ${verdict.encoding.toUpperCase()} text, not UTF-8; it was converted (save as "CSV UTF-8" to avoid this)`,
      );
      const decoder = new TextDecoder(verdict.encoding);
      for await (const chunk of rest()) {
        const text = decoder.decode(chunk, { stream: true });
        if (text.length > 0) yield Buffer.from(text, 'utf8');
      }
      const tail = decoder.decode();
      if (tail.length > 0) yield Buffer.from(tail, 'utf8');
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.issues.add('unreadable-file', 'error', `the file could not be read: ${reason}`);
    } finally {
      await it.return?.(undefined);
    }
  }
}
