import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  benchServerEnv,
  firstCachedItem,
  freePort,
  metric,
  rssMiB,
  spawnServer,
  stopChild as stop,
  waitReady,
} from './bench-server.js';
import type { BenchSection } from './bench-report.js';
import { LOAD_SECONDS, saturatedLoad as load } from './saturated.load.js';
import { FIXED_RATE_SOCKETS, fixedRateLoad, type LoadResult } from './fixed-rate.load.js';

const BARE = fileURLToPath(new URL('./bare-http.child.js', import.meta.url));
/** The cached route's target load. */
const TARGET_RATE = 3000;
const DURATION_SEC = LOAD_SECONDS;
/** Rounds of the fixed-rate load, each on the bare server then the app (a VM's stalls vary a lot). */
const FIXED_RATE_ROUNDS = 3;

function log(line: string): void {
  process.stderr.write(`[serving] ${line}\n`);
}

/** Starts the bare node:http baseline (bare-http.child.ts) answering `body`; resolves once listening. */
async function startBare(port: number, body: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BARE, String(port)], {
    env: { ...process.env, FRESHCAST_BENCH_BARE_BODY: body },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`the bare node:http server exited with ${code}`)),
    );
  });
  return child;
}

/** The run with the median p99 (of an odd number of runs). */
function medianByP99(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor(runs.length / 2)];
}

function ratio(a: number, b: number): string {
  return b > 0 ? (a / b).toFixed(2) : 'n/a';
}

export const servingBench = {
  name: 'serving',
  summary:
    'HTTP load on loopback (autocannon): trivial route vs cached /predict vs on-demand /predict, RSS, tensor count',
  async run(): Promise<BenchSection[]> {
    const dir = await mkdtemp(join(tmpdir(), 'freshcast-bench-serving-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting the server on ${port} (demo data, mlp with a 20 s budget)`);
    const serverEnv = benchServerEnv(dir);
    const child = spawnServer(port, serverEnv);
    let bare: ChildProcess | undefined;
    try {
      await waitReady(base, child);
      const status = (await (await fetch(`${base}/status`)).json()) as {
        models: { quantity: { id: string } };
        data: { lastDate: string };
      };
      const modelId = status.models.quantity.id;
      const item = await firstCachedItem(base);
      const last = status.data.lastDate;
      const history = Array.from({ length: 120 }, (_, i) => ({
        date: new Date(Date.parse(`${last}T00:00:00Z`) - (119 - i) * 86_400_000)
          .toISOString()
          .slice(0, 10),
        value: 8 + ((i * 7) % 5) + (i % 7 === 5 ? 4 : 0),
      }));
      const json = { 'content-type': 'application/json' };
      const cachedBody = JSON.stringify({ item_code: item, horizon: 7 });
      const onDemandBody = JSON.stringify({ item_code: 'new-item', history, horizon: 7 });
      // The ceiling: a bare node:http server in its own process answering the app's own cached
      // /predict response to the same request bodies, at the same concurrency.
      const sample = await (
        await fetch(`${base}/predict`, { method: 'POST', headers: json, body: cachedBody })
      ).text();
      const barePort = await freePort();
      const bareUrl = `http://127.0.0.1:${barePort}/predict`;
      bare = await startBare(barePort, sample);
      log('warm-up');
      await load({ url: `${base}/health/live`, connections: 10, duration: 2 });
      await load({ url: bareUrl, connections: 10, duration: 2 });
      const tensorsBefore = await metric(base, 'freshcast_tf_tensors');
      const rssAfter: number[] = [rssMiB(child.pid ?? 0)];
      log('bare node:http, 50 clients (the cached request)');
      const bare50 = await load({
        url: bareUrl,
        method: 'POST',
        headers: json,
        body: cachedBody,
        connections: 50,
      });
      log('trivial route GET /health/live');
      const trivial = await load({ url: `${base}/health/live`, connections: 50 });
      rssAfter.push(rssMiB(child.pid ?? 0));
      log('cached POST /predict');
      const cached = await load({
        url: `${base}/predict`,
        method: 'POST',
        headers: json,
        body: cachedBody,
        connections: 50,
      });
      rssAfter.push(rssMiB(child.pid ?? 0));
      log(
        `cached POST /predict and bare node:http at a fixed ${TARGET_RATE} req/s, ${FIXED_RATE_ROUNDS} rounds`,
      );
      const rounds: { app: LoadResult; bare: LoadResult }[] = [];
      const atRate = {
        body: cachedBody,
        rate: TARGET_RATE,
        seconds: DURATION_SEC,
        warmupSeconds: 2,
      };
      for (let r = 0; r < FIXED_RATE_ROUNDS; r++) {
        const bareRound = await fixedRateLoad({ url: bareUrl, ...atRate });
        const appRound = await fixedRateLoad({ url: `${base}/predict`, ...atRate });
        rounds.push({ app: appRound, bare: bareRound });
      }
      const cachedAtRate = medianByP99(rounds.map((r) => r.app));
      const bareAtRate = medianByP99(rounds.map((r) => r.bare));
      rssAfter.push(rssMiB(child.pid ?? 0));
      log('bare node:http, 100 clients (the on-demand request)');
      const bare100 = await load({
        url: bareUrl,
        method: 'POST',
        headers: json,
        body: onDemandBody,
        connections: 100,
      });
      await stop(bare);
      log('on-demand POST /predict with history, 100 clients');
      const onDemand = await load({
        url: `${base}/predict`,
        method: 'POST',
        headers: json,
        body: onDemandBody,
        connections: 100,
      });
      rssAfter.push(rssMiB(child.pid ?? 0));
      log('10,000 on-demand requests for the tensor count');
      await autocannon({
        url: `${base}/predict`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ item_code: 'new-item', history, horizon: 7 }),
        connections: 50,
        amount: 10_000,
      });
      const tensorsAfter = await metric(base, 'freshcast_tf_tensors');
      rssAfter.push(rssMiB(child.pid ?? 0));
      const rss = rssMiB(child.pid ?? 0);
      const row = (
        name: string,
        clients: number,
        r: LoadResult,
        ceiling: LoadResult,
      ): (string | number)[] => [
        name,
        clients,
        r.rps,
        r.p50,
        r.p99,
        r.requests,
        r.non2xx + r.errors,
        ratio(r.rps, trivial.rps),
        ratio(r.rps, ceiling.rps),
      ];
      const rows = [
        row('bare node:http, same JSON (hardware ceiling)', 50, bare50, bare50),
        row('bare node:http, on-demand request body', 100, bare100, bare100),
        row('GET /health/live (framework ceiling)', 50, trivial, bare50),
        row('POST /predict cached (as fast as it goes)', 50, cached, bare50),
        row(
          `bare node:http at a fixed ${TARGET_RATE.toLocaleString('en-US')} req/s (median p99 of ${FIXED_RATE_ROUNDS} rounds)`,
          FIXED_RATE_SOCKETS,
          bareAtRate,
          bareAtRate,
        ),
        row(
          `POST /predict cached at a fixed ${TARGET_RATE.toLocaleString('en-US')} req/s (median p99 of ${FIXED_RATE_ROUNDS} rounds)`,
          FIXED_RATE_SOCKETS,
          cachedAtRate,
          bareAtRate,
        ),
        row('POST /predict on demand (120-day history)', 100, onDemand, bare100),
      ];
      rows[0][7] = ratio(bare50.rps, trivial.rps);
      rows[1][7] = ratio(bare100.rps, trivial.rps);
      rows[4][7] = ratio(bareAtRate.rps, trivial.rps);
      const met: string[] = [];
      const missed: string[] = [];
      const heldRate =
        cachedAtRate.rps >= TARGET_RATE * 0.98 && cachedAtRate.non2xx + cachedAtRate.errors === 0;
      (heldRate && cachedAtRate.p99 <= 5 ? met : missed).push(
        `cached p99 ≤ 5 ms at ≥ 3,000 req/s (offered ${TARGET_RATE} req/s: served ${Math.round(cachedAtRate.rps)} req/s, median p99 ${cachedAtRate.p99} ms where bare node:http had ${bareAtRate.p99} ms; saturated: ${Math.round(cached.rps)} req/s)`,
      );
      (onDemand.p99 <= 50 ? met : missed).push(
        `on-demand p99 ≤ 50 ms at 100 clients (p99 ${onDemand.p99} ms)`,
      );
      (rss <= 400 ? met : missed).push(`steady RSS ≤ 400 MB (${rss.toFixed(0)} MiB)`);
      return [
        {
          title: 'HTTP serving on loopback (autocannon, same machine)',
          headers: [
            'route',
            'clients',
            'req/s',
            'p50 ms',
            'p99 ms',
            'requests',
            'non-2xx + errors',
            'req/s vs /health/live',
            'req/s vs bare node:http',
          ],
          rows,
          notes: [
            `model ${modelId} (mlp, wasm); ${DURATION_SEC} s per run; the load generator shares the 2 cores with the server`,
            `targets: cached p99 ≤ 5 ms at ≥ 3,000 req/s; on-demand p99 ≤ 50 ms at 100 clients; steady RSS ≤ 400 MB`,
            `server RSS (MiB) warm, then after /health/live, cached, cached at a fixed rate, on-demand and 10,000 more on-demand runs: ${rssAfter.map((m) => m.toFixed(0)).join(' → ')}; live tensors ${tensorsBefore} before and ${tensorsAfter} after 10,000 more on-demand requests`,
            `the bare node:http rows are a server with no framework in its own process, answering the app's cached /predict JSON to the same request bodies at the same concurrency: the ceiling of this machine with the load generator on it; app rows show req/s vs it`,
            `fixed-rate p99 per round, app / bare node:http (ms): ${rounds.map((r) => `${r.app.p99} / ${r.bare.p99}`).join(', ')}; the load generator's own longest GC pause in those runs (ms): ${rounds.map((r) => `${r.app.clientGcMaxMs} / ${r.bare.clientGcMaxMs}`).join(', ')}; each run follows 2 s of the same load, unmeasured, on the same sockets`,
            `the saturated rows show the most each route serves (closed-loop clients: latency ≈ clients / throughput); the fixed-rate rows are an open-loop load (bench/fixed-rate.load.ts): request i is sent at i / ${TARGET_RATE.toLocaleString('en-US')} s over up to ${FIXED_RATE_SOCKETS} keep-alive sockets whether or not earlier ones were answered, and its latency counts from that moment; they show the latency at the target's load, for the app and for a bare server on the same machine in the same rounds (this machine's floor)`,
            `met: ${met.length > 0 ? met.join('; ') : 'none'}; not met: ${missed.length > 0 ? missed.join('; ') : 'none'}`,
          ],
        },
      ];
    } finally {
      await stop(bare);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  },
};
