import type { FileRead, ReadOptions } from './file-read.types.js';
import { emptyLongSeries } from './long-format.sink.js';
import type { ReadInput } from './read-input.source.js';
import { readTable } from './table.reader.js';

/** A long-format file: `unique_id,ds,y` plus optional numeric columns. */
export async function readLongFormat(
  input: ReadInput,
  opts?: ReadOptions,
): Promise<FileRead<'long'>> {
  const r = await readTable(input, { ...opts, kind: 'long' });
  return r.kind === 'long' ? r : { kind: 'long', meta: r.meta, data: emptyLongSeries() };
}
