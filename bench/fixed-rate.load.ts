import { Agent, request } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

/** Keep-alive sockets a fixed-rate load spreads over unless told otherwise. */
export const FIXED_RATE_SOCKETS = 64;

export interface FixedRateOptions {
  url: string;
  body: string;
  /** Requests per second offered, whatever the server's answers take (open loop). */
  rate: number;
  seconds: number;
  /** Keep-alive sockets the requests spread over. */
  sockets?: number;
  /** Seconds of the same load first, not measured: warms the client and opens its sockets. */
  warmupSeconds?: number;
}

/** What one load run measured (closed-loop autocannon runs report the same). */
export interface LoadResult {
  /** Requests answered per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Longest GC pause of the load generator's own process during the run (fixed-rate runs only). */
  clientGcMaxMs?: number;
}

/**
 * An open-loop load: request i is due at start + i / rate, sent then whether or not earlier ones
 * were answered, and its latency counts from when it was due (so a stalled server is not hidden by
 * the client waiting, the "coordinated omission" of closed-loop tools). POSTs JSON `body` to `url`.
 */
export async function fixedRateLoad(opts: FixedRateOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.sockets ?? FIXED_RATE_SOCKETS });
  try {
    if (opts.warmupSeconds) await runAtRate(opts, agent, opts.warmupSeconds);
    return await runAtRate(opts, agent, opts.seconds);
  } finally {
    agent.destroy();
  }
}

async function runAtRate(
  opts: FixedRateOptions,
  agent: Agent,
  runSeconds: number,
): Promise<LoadResult> {
  const target = new URL(opts.url);
  const total = Math.round(opts.rate * runSeconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  // The generator shares its process with the rest of the bench: its own GC pauses delay the
  // requests due meanwhile and count as server latency, so the run reports the longest one.
  let clientGcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) clientGcMaxMs = Math.max(clientGcMaxMs, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  const dueAt = (i: number): number => start + (i * 1000) / opts.rate;

  await new Promise<void>((resolve) => {
    const done = (): void => {
      settled++;
      if (settled === total) resolve();
    };
    const fire = (i: number): void => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(opts.body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - dueAt(i));
            if ((res.statusCode ?? 0) >= 300) non2xx++;
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(opts.body);
    };
    let sent = 0;
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * opts.rate) / 1000) + 1);
      while (sent < due) fire(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - start) / 1000;
  gc.disconnect();
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number =>
    latencies.length === 0
      ? NaN
      : Math.round(
          latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10,
        ) / 10;
  return {
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    requests: latencies.length,
    non2xx,
    errors,
    clientGcMaxMs: Math.round(clientGcMaxMs * 10) / 10,
  };
}
