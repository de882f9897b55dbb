import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BenchSection } from './bench-report.js';
import type { LoadResult } from './fixed-rate.load.js';

/** A server the serving bench started: where it answers, where its stdout went, how to stop it. */
export interface StartedServer {
  base: string;
  /** The server's process id (its CPU time is read from /proc). */
  pid: number;
  stdoutFile: string;
  stop(): Promise<void>;
}

export interface ObservabilityCostOptions {
  /** Starts one more server on the bench's data and models (no training), with `env` on top. */
  start(name: string, env: Record<string, string>): Promise<StartedServer>;
  /** A saturated load of `url` with the cached request (the bench's autocannon settings). */
  load(url: string, seconds?: number): Promise<LoadResult>;
  rounds: number;
  /** Seconds of load on each server before the measured rounds (JIT, caches, first GCs). */
  warmupSeconds?: number;
}

/**
 * The variants compared on the cached route: the production defaults (request metrics, access log
 * sampled on POST /predict), every request logged, and both off — twice: the second off server is
 * the control, its ratio to the first is the noise floor of the comparison (two identical servers).
 * The request-context hooks (the request id in every line's context) stay on in all of them: they
 * are not configurable.
 */
const OFF: Record<string, string> = {
  FRESHCAST_METRICS__REQUEST_METRICS: 'false',
  FRESHCAST_LOGGING__ACCESS__MODE: 'off',
  FRESHCAST_LOGGING__ACCESS__ROUTES: '[]',
};

const VARIANTS: { name: string; env: Record<string, string> }[] = [
  { name: 'metrics + access log, production defaults', env: {} },
  {
    name: 'metrics + an access line for every request',
    env: { FRESHCAST_LOGGING__ACCESS__MODE: 'all', FRESHCAST_LOGGING__ACCESS__ROUTES: '[]' },
  },
  { name: 'request metrics and access log off (control: the same as the last row)', env: OFF },
  { name: 'request metrics and access log off', env: OFF },
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

/** CPU seconds (user + system, all threads) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces) start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line (11 and 12 after the name), in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream kernel). */
const CLOCK_TICKS = 100;

interface Measured extends LoadResult {
  /** Server CPU time per answered request, µs. */
  cpuUs: number;
}

/**
 * The cost of request metrics and access logs on the cached POST /predict: one server per variant
 * on the same model, loaded in turn round after round (the machine's drift spreads over all of
 * them). Two measures per load: throughput (what the target is about, but on 2 shared cores it
 * swings with whatever else runs) and the server's CPU time per request (what bounds a saturated
 * server's throughput, and far steadier when the machine is busy). Each is reported as the median
 * of the per-round ratios to the off server loaded in the same round, next to the same ratio for
 * two identical off servers: the noise floor.
 */
export async function observabilityCost(opts: ObservabilityCostOptions): Promise<BenchSection> {
  const servers: StartedServer[] = [];
  try {
    for (const [i, v] of VARIANTS.entries()) servers.push(await opts.start(`variant-${i}`, v.env));
    for (const server of servers)
      await opts.load(`${server.base}/predict`, opts.warmupSeconds ?? 3);
    const runs: Measured[][] = VARIANTS.map(() => []);
    for (let r = 0; r < opts.rounds; r++) {
      // Each round starts one server later, so no variant always follows the same one (a server's
      // left-over work after its load, the machine's drift within a round).
      for (let k = 0; k < servers.length; k++) {
        const i = (r + k) % servers.length;
        const cpuBefore = cpuSeconds(servers[i].pid);
        const result = await opts.load(`${servers[i].base}/predict`);
        const cpu = cpuSeconds(servers[i].pid) - cpuBefore;
        runs[i].push({ ...result, cpuUs: (cpu / Math.max(1, result.requests)) * 1e6 });
      }
    }
    const lines = await Promise.all(servers.map((s) => accessLines(s.stdoutFile)));
    const offRuns = runs[VARIANTS.length - 1];
    // Paired: each round's ratio to the off server loaded in the same round, then their median (the
    // machine's drift between rounds cancels out better than in a ratio of medians).
    const pairedRps = (i: number): number =>
      median(runs[i].map((r, round) => r.rps / offRuns[round].rps));
    const pairedCpu = (i: number): number =>
      median(runs[i].map((r, round) => r.cpuUs / offRuns[round].cpuUs));
    const rows = VARIANTS.map((v, i) => [
      v.name,
      median(runs[i].map((r) => r.rps)),
      runs[i].map((r) => Math.round(r.rps).toLocaleString('en-US')).join(' / '),
      median(runs[i].map((r) => r.cpuUs)).toFixed(1),
      runs[i].map((r) => r.cpuUs.toFixed(0)).join(' / '),
      median(runs[i].map((r) => r.p99)),
      runs[i].reduce((n, r) => n + r.requests, 0),
      lines[i],
      pairedRps(i).toFixed(3),
      pairedCpu(i).toFixed(3),
    ]);
    const control = VARIANTS.length - 2;
    const rpsCost = 1 - pairedRps(0);
    const cpuCost = 1 - 1 / pairedCpu(0);
    const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
    return {
      title: 'Cost of request metrics and access logs on cached POST /predict (same run)',
      headers: [
        'server',
        'median req/s',
        'req/s per round',
        'median server CPU µs / request',
        'CPU µs / request per round',
        'median p99 ms',
        'requests',
        'access lines written',
        'req/s vs off (median of per-round ratios)',
        'CPU / request vs off (median of per-round ratios)',
      ],
      rows,
      notes: [
        `${opts.rounds} rounds after ${opts.warmupSeconds ?? 3} s of warm-up on each server; each round loads every server in turn, starting one server later than the round before (50 clients, saturated); stdout of each server goes to a file (JSON lines); server CPU from /proc/<pid>/stat`,
        `noise floor, two identical off servers: req/s ${pct(Math.abs(1 - pairedRps(control)))}, CPU per request ${pct(Math.abs(1 - pairedCpu(control)))}`,
        `the request-id context hooks stay on in every variant (not configurable)`,
        `target: the production defaults cost < 10 % of the cached route's throughput; measured ${pct(rpsCost)} in req/s and ${pct(cpuCost)} as the throughput a saturated server loses to the extra CPU per request (1 − off/defaults) (${Math.max(rpsCost, cpuCost) < 0.1 ? 'met on both' : cpuCost < 0.1 ? 'met on CPU per request' : rpsCost < 0.1 ? 'met on req/s only' : 'not met'})`,
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
