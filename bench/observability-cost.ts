import { readFile } from 'node:fs/promises';
import type { BenchSection } from './bench-report.js';
import type { LoadResult } from './fixed-rate.load.js';

/** A server the serving bench started: where it answers, where its stdout went, how to stop it. */
export interface StartedServer {
  base: string;
  stdoutFile: string;
  stop(): Promise<void>;
}

export interface ObservabilityCostOptions {
  /** Starts one more server on the bench's data and models (no training), with `env` on top. */
  start(name: string, env: Record<string, string>): Promise<StartedServer>;
  /** A saturated load of `url` with the cached request (the bench's autocannon settings). */
  load(url: string): Promise<LoadResult>;
  rounds: number;
}

/**
 * The variants compared on the cached route: the production defaults (request metrics, access log
 * sampled on POST /predict), every request logged, and both off. The request-context hooks (the
 * request id in every line's context) stay on in all three: they are not configurable.
 */
const VARIANTS: { name: string; env: Record<string, string> }[] = [
  { name: 'metrics + access log, production defaults', env: {} },
  {
    name: 'metrics + an access line for every request',
    env: { FRESHCAST_LOGGING__ACCESS__MODE: 'all', FRESHCAST_LOGGING__ACCESS__ROUTES: '[]' },
  },
  {
    name: 'request metrics and access log off',
    env: {
      FRESHCAST_METRICS__REQUEST_METRICS: 'false',
      FRESHCAST_LOGGING__ACCESS__MODE: 'off',
      FRESHCAST_LOGGING__ACCESS__ROUTES: '[]',
    },
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Access lines a server wrote on stdout (JSON lines with context `access`). */
async function accessLines(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((l) => l.includes('"context":"access"')).length;
}

/**
 * The cost of request metrics and access logs on the cached POST /predict: one server per variant
 * on the same model, loaded in turn round after round (the machine's drift spreads over all of
 * them), median req/s per variant and its ratio to the variant with both off.
 */
export async function observabilityCost(opts: ObservabilityCostOptions): Promise<BenchSection> {
  const servers: StartedServer[] = [];
  try {
    for (const [i, v] of VARIANTS.entries()) servers.push(await opts.start(`variant-${i}`, v.env));
    const runs: LoadResult[][] = VARIANTS.map(() => []);
    for (let r = 0; r < opts.rounds; r++) {
      for (const [i, server] of servers.entries()) {
        runs[i].push(await opts.load(`${server.base}/predict`));
      }
    }
    const lines = await Promise.all(servers.map((s) => accessLines(s.stdoutFile)));
    const off = median(runs[VARIANTS.length - 1].map((r) => r.rps));
    // Paired: each round's ratio to the off server loaded in the same round, then their median (the
    // machine's drift between rounds cancels out better than in a ratio of medians).
    const paired = (i: number): number =>
      median(runs[i].map((r, round) => r.rps / runs[VARIANTS.length - 1][round].rps));
    const rows = VARIANTS.map((v, i) => {
      const rps = runs[i].map((r) => r.rps);
      return [
        v.name,
        median(rps),
        rps.map((x) => Math.round(x).toLocaleString('en-US')).join(' / '),
        median(runs[i].map((r) => r.p99)),
        runs[i].reduce((n, r) => n + r.requests, 0),
        lines[i],
        (median(rps) / off).toFixed(3),
        paired(i).toFixed(3),
      ];
    });
    const cost = 1 - paired(0);
    return {
      title: 'Cost of request metrics and access logs on cached POST /predict (same run)',
      headers: [
        'server',
        'median req/s',
        'req/s per round',
        'median p99 ms',
        'requests',
        'access lines written',
        'req/s vs off (medians)',
        'median of per-round ratios to off',
      ],
      rows,
      notes: [
        `${opts.rounds} rounds; each round loads every server in turn (50 clients, saturated); stdout of each server goes to a file (JSON lines)`,
        `the request-id context hooks stay on in every variant (not configurable)`,
        `target: the production defaults cost < 10 % of the cached route's throughput; measured ${(cost * 100).toFixed(1)} % (median of the per-round ratios) (${cost < 0.1 ? 'met' : 'not met'})`,
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
