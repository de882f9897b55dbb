import type { Readable } from 'node:stream';

/** A chunk read from a byte stream as bytes (strings are taken as UTF-8). */
export function chunkToBytes(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError(`expected a byte stream, got a chunk of type ${typeof chunk}`);
}

/** The chunks of a byte stream, as bytes. */
export async function* byteChunks(body: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of body as AsyncIterable<unknown>) yield chunkToBytes(chunk);
}

/** Reads a whole byte stream into one buffer. */
export async function readAllBytes(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const bytes of byteChunks(body)) {
    parts.push(bytes);
    size += bytes.length;
  }
  return Buffer.concat(parts, size);
}
