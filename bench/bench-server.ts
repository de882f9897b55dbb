import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The API entry in dist/ (the benches run from dist/bench/). */
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

export async function freePort(): Promise<number> {
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

/**
 * The environment of a benched server: demo data under `dir`, mlp trained with a 20 s budget and
 * one backtest window, no rate limit, JSON logs.
 */
export function benchServerEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FRESHCAST_DATA_DIR: join(dir, 'data'),
    FRESHCAST_STORAGE__DISK__ROOT: join(dir, 'models'),
    FRESHCAST_FORECASTING__DEFAULT_MODEL: 'mlp',
    FRESHCAST_FORECASTING__TIME_BUDGET_SEC: '20',
    FRESHCAST_FORECASTING__BACKTEST__WINDOWS: '1',
    FRESHCAST_RATE_LIMIT__ENABLED: 'false',
    FRESHCAST_SERVER__LOG_FORMAT: 'json',
  };
}

/** Starts the API (`dist/src/main.js`) on `port` with `env`; stdout ignored, or to a file descriptor. */
export function spawnServer(
  port: number,
  env: NodeJS.ProcessEnv,
  stdout: 'ignore' | number = 'ignore',
): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', stdout, 'inherit'],
  });
}

/** Resolves once the first-start job is over and serving is ready; rejects if the server exits. */
export async function waitReady(base: string, child: ChildProcess): Promise<void> {
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

/** SIGTERM, then waits for the exit (nothing when it already exited). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/** An item the server has in its forecast cache (from the demo data's item master). */
export async function firstCachedItem(base: string): Promise<string> {
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
