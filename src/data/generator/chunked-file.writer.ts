import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** Streams text chunks to a file, waiting for the stream to drain so memory stays flat. */
export class ChunkedFileWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    readonly path: string,
    private readonly chunkChars = 1 << 18,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Queues text; flushes to the stream once a chunk is full. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= this.chunkChars) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    this.throwIfFailed();
  }

  /** Closes the file after a failure elsewhere, without throwing. */
  destroy(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    this.throwIfFailed();
    if (this.pendingLength === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(chunk)) {
      await once(this.stream, 'drain'); // rejects if the stream errors meanwhile
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
