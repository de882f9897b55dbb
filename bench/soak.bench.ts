import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine, type BenchSection } from './bench-report.js';
import { fixedRateLoad, type LoadResult } from './fixed-rate.load.js';
import {
  benchServerEnv,
  freePort,
  metric,
  rssMiB,
  spawnServer,
  stopChild,
  waitReady,
} from './bench-server.js';

/** Whole soak, seconds (10 minutes; FRESHCAST_BENCH_SOAK_SECONDS for a shorter try). */
const SOAK_SECONDS = Number(process.env.FRESHCAST_BENCH_SOAK_SECONDS ?? 600);
/** One sample (RSS, live tensors, latency) per window. */
const WINDOW_SECONDS = Math.min(60, SOAK_SECONDS);

function log(line: string): void {
  process.stderr.write(`[soak] ${line}\n`);
}

/** The mix, requests per second each: mostly cached forecasts, some on-demand and replenishment. */
const MIX = { cached: 200, onDemand: 10, replenishment: 20 };

function merge(results: LoadResult[]): { requests: number; p50: number; p99: number; bad: number } {
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    bad: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

export const soakBench = {
  name: 'soak',
  summary: `${SOAK_SECONDS / 60} min of mixed load at a fixed rate (cached, on-demand /predict, /replenishment): RSS and live tensors sampled`,
  async run(): Promise<BenchSection[]> {
    const dir = await mkdtemp(join(tmpdir(), 'freshcast-bench-soak-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting the server on ${port} (demo data, mlp with a 20 s budget)`);
    const child = spawnServer(port, benchServerEnv(dir));
    try {
      await waitReady(base, child);
      const status = (await (await fetch(`${base}/status`)).json()) as {
        data: { lastDate: string };
      };
      const codes = (await (
        await fetch(`${base}/replenishment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ limit: 5 }),
        })
      ).json()) as { items: { item_code: string }[] };
      const item = codes.items[0].item_code;
      const last = status.data.lastDate;
      const history = Array.from({ length: 120 }, (_, i) => ({
        date: new Date(Date.parse(`${last}T00:00:00Z`) - (119 - i) * 86_400_000)
          .toISOString()
          .slice(0, 10),
        value: 8 + ((i * 7) % 5) + (i % 7 === 5 ? 4 : 0),
      }));
      const loads = (seconds: number): Promise<LoadResult>[] => [
        fixedRateLoad({
          url: `${base}/predict`,
          body: JSON.stringify({ item_code: item, horizon: 7 }),
          rate: MIX.cached,
          seconds,
          sockets: 16,
        }),
        fixedRateLoad({
          url: `${base}/predict`,
          body: JSON.stringify({ item_code: 'soak-new-item', history, horizon: 7 }),
          rate: MIX.onDemand,
          seconds,
          sockets: 4,
        }),
        fixedRateLoad({
          url: `${base}/replenishment`,
          body: JSON.stringify({ item_codes: codes.items.map((c) => c.item_code) }),
          rate: MIX.replenishment,
          seconds,
          sockets: 4,
        }),
      ];
      const pid = child.pid ?? 0;
      const rows: (string | number)[][] = [];
      const rss0 = rssMiB(pid);
      const tensors0 = await metric(base, 'freshcast_tf_tensors');
      rows.push(['start', 0, '-', '-', 0, Math.round(rss0), tensors0]);
      const windows = Math.max(1, Math.round(SOAK_SECONDS / WINDOW_SECONDS));
      let firstRss = NaN;
      for (let w = 1; w <= windows; w++) {
        const m = merge(await Promise.all(loads(WINDOW_SECONDS)));
        const rss = rssMiB(pid);
        if (w === 1) firstRss = rss;
        const tensors = await metric(base, 'freshcast_tf_tensors');
        log(
          `window ${w}/${windows}: ${m.requests} requests, RSS ${rss.toFixed(0)} MiB, ${tensors} tensors`,
        );
        rows.push([
          `${w * WINDOW_SECONDS} s`,
          m.requests,
          m.p50,
          m.p99,
          m.bad,
          Math.round(rss),
          tensors,
        ]);
      }
      const lastRss = Number(rows[rows.length - 1][5]);
      return [
        {
          title: `Soak: ${SOAK_SECONDS} s of mixed load at ${MIX.cached + MIX.onDemand + MIX.replenishment} req/s`,
          headers: [
            'after',
            'requests',
            'p50 ms (worst)',
            'p99 ms (worst)',
            'non-2xx + errors',
            'RSS MiB',
            'live tensors',
          ],
          rows,
          notes: [
            machineLine({ soak_seconds: String(SOAK_SECONDS) }),
            `Fixed rate (open loop): cached /predict ${MIX.cached}/s, on-demand /predict (120-day history) ${MIX.onDemand}/s, /replenishment of 5 items ${MIX.replenishment}/s; one sample per ${WINDOW_SECONDS} s window.`,
            `RSS last/first window: ${(lastRss / firstRss).toFixed(2)} (baseline: the first window of the same run); live tensors start → end: ${tensors0} → ${rows[rows.length - 1][6]}.`,
          ],
        },
      ];
    } finally {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
