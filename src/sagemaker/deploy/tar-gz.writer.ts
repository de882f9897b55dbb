import type { Readable } from 'node:stream';
import { Readable as NodeReadable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { byteChunks } from '../../storage/stream-bytes.js';

const BLOCK = 512;

/** One regular file of a tarball: its path inside the archive, size, and a way to read its bytes. */
export interface TarEntry {
  /** Slash-separated relative path (at most 255 bytes, split into ustar prefix + name). */
  name: string;
  size: number;
  /** Modification time (seconds since the epoch). */
  mtime: number;
  open(): Readable | Promise<Readable>;
}

function writeString(header: Buffer, text: string, offset: number, length: number): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new Error(`tar header field too long: ${text}`);
  bytes.copy(header, offset);
}

/** An octal number, zero-padded to `length - 1` digits and NUL-terminated. */
function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new Error(`tar header value too large: ${value}`);
  writeString(header, `${digits.padStart(length - 1, '0')}\0`, offset, length);
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a slash. */
export function splitUstarPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '')
      return { prefix, name };
  }
  throw new Error(`path too long for a tar archive: ${path}`);
}

/** The 512-byte POSIX ustar header of a regular file (mode 0644, owner 0:0). */
export function ustarHeader(entry: Pick<TarEntry, 'name' | 'size' | 'mtime'>): Buffer {
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitUstarPath(entry.name);
  writeString(header, name, 0, 100);
  writeOctal(header, 0o644, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, entry.size, 124, 12);
  writeOctal(header, Math.max(0, Math.floor(entry.mtime)), 136, 12);
  header.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  header.write('0', 156, 'ascii'); // regular file
  writeString(header, 'ustar\0', 257, 6);
  writeString(header, '00', 263, 2);
  writeString(header, 'root', 265, 32);
  writeString(header, 'root', 297, 32);
  writeString(header, prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** The tar stream of `entries`: header, content padded to 512 bytes, and two zero blocks at the end. */
export async function* tarChunks(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield ustarHeader(entry);
    let written = 0;
    for await (const bytes of byteChunks(await entry.open())) {
      written += bytes.length;
      if (written > entry.size) break;
      yield bytes;
    }
    if (written !== entry.size)
      throw new Error(
        `${entry.name} changed while it was archived (${written} bytes read, ${entry.size} expected)`,
      );
    const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(2 * BLOCK);
}

/** A gzip-compressed tarball (`.tar.gz`) of `entries`, streamed: memory holds one chunk at a time. */
export function tarGzStream(entries: readonly TarEntry[]): Readable {
  const tar = NodeReadable.from(tarChunks(entries));
  const gzip = createGzip();
  tar.on('error', (err) => gzip.destroy(err));
  return tar.pipe(gzip);
}
