import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchServerEnv,
  firstCachedItem,
  freePort,
  spawnServer,
  stopChild as stop,
  waitReady,
} from './bench-server.js';
import type { BenchSection } from './bench-report.js';
import type { LoadResult } from './fixed-rate.load.js';
import { observabilityCost, type StartedServer } from './observability-cost.js';
import { LOAD_SECONDS, saturatedLoad } from './saturated.load.js';

/** Rounds of the comparison (each loads every variant's server in turn). */
const ROUNDS = Number(process.env.FRESHCAST_BENCH_COST_ROUNDS ?? 5);

function log(line: string): void {
  process.stderr.write(`[observability] ${line}\n`);
}

export const observabilityBench = {
  name: 'observability',
  summary:
    'the cost of request metrics and access logs on cached POST /predict: servers with them (production defaults, every request logged) and without (twice: the noise floor), throughput and server CPU per request',
  async run(): Promise<BenchSection[]> {
    const dir = await mkdtemp(join(tmpdir(), 'freshcast-bench-observability-'));
    const serverEnv = benchServerEnv(dir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`training the served model on the demo data (mlp with a 20 s budget), port ${port}`);
    const trainer = spawnServer(port, serverEnv);
    let item: string;
    try {
      await waitReady(base, trainer);
      item = await firstCachedItem(base);
    } finally {
      await stop(trainer);
    }
    /** One more server on the same data and model (found on disk: no training), stdout to a file. */
    const start = async (name: string, env: Record<string, string>): Promise<StartedServer> => {
      const p = await freePort();
      const stdoutFile = join(dir, `${name}.stdout.jsonl`);
      const fd = openSync(stdoutFile, 'w');
      const server = spawnServer(p, { ...serverEnv, ...env }, fd);
      closeSync(fd);
      const started = {
        base: `http://127.0.0.1:${p}`,
        pid: server.pid ?? 0,
        stdoutFile,
        stop: () => stop(server),
      };
      try {
        await waitReady(started.base, server);
      } catch (err) {
        await stop(server);
        throw err;
      }
      return started;
    };
    const body = JSON.stringify({ item_code: item, horizon: 7 });
    const load = (url: string, seconds?: number): Promise<LoadResult> =>
      saturatedLoad({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: 50,
        duration: seconds ?? LOAD_SECONDS,
      });
    try {
      log(`${ROUNDS} rounds of ${LOAD_SECONDS} s on each server`);
      return [await observabilityCost({ start, load, rounds: ROUNDS })];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
