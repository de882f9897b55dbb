import autocannon from 'autocannon';
import type { LoadResult } from './fixed-rate.load.js';

/** Seconds of each saturated load unless a caller says otherwise. */
export const LOAD_SECONDS = Number(process.env.FRESHCAST_BENCH_HTTP_SECONDS ?? 10);

/** A closed-loop load with autocannon (clients send again as soon as answered): as fast as it goes. */
export async function saturatedLoad(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ duration: LOAD_SECONDS, ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}
