/**
 * Collects concurrent requests into one call: a batch runs when `maxBatch` requests are waiting or
 * `maxWaitMs` after the first one arrived, whichever comes first. Each caller gets its own result
 * (or its own error: a failing item does not fail the others when `run` returns per-item errors).
 */
export type BatchResult<R> = { ok: true; value: R } | { ok: false; error: Error };

export class MicroBatcher<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: Error) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  batches = 0;
  items = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<BatchResult<R>[]>,
    private readonly maxBatch = 64,
    private readonly maxWaitMs = 2,
  ) {}

  submit(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('batcher is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    this.batches++;
    this.items += batch.length;
    this.run(batch.map((b) => b.item)).then(
      (results) => {
        batch.forEach((b, i) => {
          const r = results[i];
          if (!r) b.reject(new Error('batch returned fewer results than items'));
          else if (r.ok) b.resolve(r.value);
          else b.reject(r.error);
        });
      },
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        for (const b of batch) b.reject(e);
      },
    );
  }

  /** Runs what is waiting and refuses new items. */
  close(): void {
    this.closed = true;
    this.flush();
  }
}
