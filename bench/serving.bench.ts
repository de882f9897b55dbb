import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchSection } from './bench-report.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const DURATION_SEC = Number(process.env.FRESHCAST_BENCH_HTTP_SECONDS ?? 10);

function log(line: string): void {
  process.stderr.write(`[serving] ${line}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const s = await fetch(`${base}/status`)
      .then((res) =>
        res.ok ? (res.json() as Promise<{ phase: string; serving?: { phase: string } }>) : null,
      )
      .catch(() => null); // not listening yet
    if (s?.phase === 'failed') throw new Error('the first-start job failed');
    if (s?.phase === 'ready' && s.serving?.phase === 'ready') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server was not ready in time');
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ duration: DURATION_SEC, ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
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
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        FRESHCAST_DATA_DIR: join(dir, 'data'),
        FRESHCAST_STORAGE__DISK__ROOT: join(dir, 'models'),
        FRESHCAST_FORECASTING__DEFAULT_MODEL: 'mlp',
        FRESHCAST_FORECASTING__TIME_BUDGET_SEC: '20',
        FRESHCAST_FORECASTING__BACKTEST__WINDOWS: '1',
        FRESHCAST_RATE_LIMIT__ENABLED: 'false',
        FRESHCAST_SERVER__LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
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
      log('warm-up');
      await load({ url: `${base}/health`, connections: 10, duration: 2 });
      const tensorsBefore = await metric(base, 'freshcast_tf_tensors');
      log('trivial route GET /health');
      const trivial = await load({ url: `${base}/health`, connections: 50 });
      log('cached POST /predict');
      const cached = await load({
        url: `${base}/predict`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ item_code: item, horizon: 7 }),
        connections: 50,
      });
      log('on-demand POST /predict with history, 100 clients');
      const onDemand = await load({
        url: `${base}/predict`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ item_code: 'new-item', history, horizon: 7 }),
        connections: 100,
      });
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
      const rss = rssMiB(child.pid ?? 0);
      const rows = [
        [
          'GET /health (framework ceiling)',
          50,
          trivial.rps,
          trivial.p50,
          trivial.p99,
          trivial.requests,
          trivial.non2xx + trivial.errors,
          '1.00',
        ],
        [
          'POST /predict cached',
          50,
          cached.rps,
          cached.p50,
          cached.p99,
          cached.requests,
          cached.non2xx + cached.errors,
          (cached.rps / trivial.rps).toFixed(2),
        ],
        [
          'POST /predict on demand (120-day history)',
          100,
          onDemand.rps,
          onDemand.p50,
          onDemand.p99,
          onDemand.requests,
          onDemand.non2xx + onDemand.errors,
          (onDemand.rps / trivial.rps).toFixed(2),
        ],
      ];
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
            'req/s vs /health',
          ],
          rows,
          notes: [
            `model ${modelId} (mlp, wasm); ${DURATION_SEC} s per run; the load generator shares the 2 cores with the server`,
            `targets: cached p99 ≤ 5 ms at ≥ 3,000 req/s; on-demand p99 ≤ 50 ms at 100 clients; steady RSS ≤ 400 MB`,
            `server RSS after the runs: ${rss.toFixed(0)} MiB; live tensors ${tensorsBefore} before and ${tensorsAfter} after 10,000 more on-demand requests`,
          ],
        },
      ];
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** An item the server has in its forecast cache (from the demo data's item master). */
async function firstCachedItem(base: string): Promise<string> {
  const res = await fetch(`${base}/replenishment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({}),
  });
  const body = (await res.json()) as { items?: { item_code: string; order_kg: number | null }[] };
  const hit = body.items?.find((i) => i.order_kg !== null);
  if (!hit) throw new Error('no cached item found');
  return hit.item_code;
}
