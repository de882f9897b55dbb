/** The labels of one answered-request slot. */
export type RequestLabels = { method: string; route: string; status: string };

/** Requests answered with one method, route and status since start: count, latency sum and buckets. */
export interface RequestSlot {
  readonly labels: RequestLabels;
  count: number;
  /** Latency seconds summed. */
  sum: number;
  /** Observations per latency bucket, not cumulative; the last one is above every bound. */
  readonly buckets: Float64Array;
}

/**
 * Request counts and latencies kept in one slot per method, route and status, found with one map
 * look-up: what an answered request costs the metrics (≈ 0.05 µs, against ≈ 1 µs for prom-client's
 * labelled `inc` and `observe`, which validate and hash the labels on every call). The Prometheus
 * counter and histogram read the slots when scraped (MetricsService).
 */
export class RequestSlots {
  private readonly slots = new Map<string, RequestSlot>();

  /** `bounds`: the latency histogram's upper bounds, ascending. */
  constructor(readonly bounds: readonly number[]) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Float64Array(this.bounds.length + 1),
      };
      this.slots.set(key, slot);
    }
    slot.count += 1;
    slot.sum += seconds;
    let b = 0;
    while (b < this.bounds.length && seconds > this.bounds[b]) b++;
    slot.buckets[b] += 1;
  }

  /** Every slot so far, in first-seen order. */
  all(): Iterable<RequestSlot> {
    return this.slots.values();
  }

  clear(): void {
    this.slots.clear();
  }
}
