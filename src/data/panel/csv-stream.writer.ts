import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const CHUNK_CHARS = 1 << 16;

export interface CsvSinkOptions {
  /** End the sink when done (default true); pass false for a sink you keep writing to, like stdout. */
  end?: boolean;
}

/** Buffers CSV lines into ~64 KiB chunks and writes them with backpressure. */
export class CsvStreamWriter {
  private buffer = '';
  private written = 0;

  constructor(
    private readonly sink: Writable,
    private readonly options: CsvSinkOptions = {},
  ) {}

  /** Lines written so far (header included). */
  get lines(): number {
    return this.written;
  }

  async line(text: string): Promise<void> {
    this.buffer += text + '\n';
    this.written++;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  /** Writes what is buffered; ends the sink and waits for it to finish unless told not to. */
  async close(): Promise<void> {
    await this.flush();
    if (this.options.end === false) return;
    this.sink.end();
    await finished(this.sink);
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.sink.write(chunk)) await once(this.sink, 'drain');
  }
}
