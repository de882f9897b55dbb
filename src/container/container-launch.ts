import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the container runs: the API, a worker, the SageMaker contract, or one CLI command. */
export type ContainerMode = 'api' | 'worker' | 'sagemaker' | 'command';

export interface ContainerLaunch {
  mode: ContainerMode;
  /** Arguments for the `freshcast` command line (run in the container's PID-1 node process). */
  cliArgs: string[];
  /** What the image's HEALTHCHECK probes; `undefined` when the process serves no HTTP (a worker without a port). */
  healthUrl: string | undefined;
}

/** Where the entry writes the URL the HEALTHCHECK probes (`FRESHCAST_HEALTH_FILE`, default in the temp folder). */
export function healthFilePath(env: NodeJS.ProcessEnv): string {
  return env.FRESHCAST_HEALTH_FILE ?? join(tmpdir(), 'freshcast-health-url');
}

function port(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The API's readiness URL from the same variables the server reads (PORT, FRESHCAST_SERVER__PORT). */
export function apiHealthUrl(env: NodeJS.ProcessEnv): string {
  const p = port(env.PORT ?? env.FRESHCAST_SERVER__PORT, 3000);
  return `http://127.0.0.1:${p}/health/ready`;
}

/**
 * Maps the container's arguments to a launch, so that one image serves every role:
 * - no arguments: `FRESHCAST_ROLE` decides: `api` or `all` (default) → the API, `worker` → a worker;
 * - `serve`: the SageMaker contract, as SageMaker starts a model container (`docker run IMAGE serve`),
 *   on port 8080 (GET /ping, POST /invocations, model from /opt/ml/model);
 * - `api` / `worker`: that role, whatever FRESHCAST_ROLE says (further arguments go to the command);
 * - anything else: a `freshcast` command (`docker run IMAGE models list`).
 */
export function containerLaunch(args: readonly string[], env: NodeJS.ProcessEnv): ContainerLaunch {
  const [first, ...rest] = args;
  const role = (env.FRESHCAST_ROLE ?? '').trim().toLowerCase();
  // The worker's listener (`jobs.workerPort`): none when unset or 0.
  const workerPort = port(env.FRESHCAST_WORKER_PORT ?? env.FRESHCAST_JOBS__WORKER_PORT, 0);
  const worker = (extra: string[]): ContainerLaunch => ({
    mode: 'worker',
    cliArgs: ['worker', ...extra],
    healthUrl: workerPort > 0 ? `http://127.0.0.1:${workerPort}/health/ready` : undefined,
  });
  const api = (extra: string[]): ContainerLaunch => ({
    mode: 'api',
    cliArgs: ['serve', ...extra],
    healthUrl: apiHealthUrl(env),
  });
  if (first === undefined) return role === 'worker' ? worker([]) : api([]);
  if (first === 'serve') {
    const p = port(env.FRESHCAST_SAGEMAKER__PORT, 8080);
    return {
      mode: 'sagemaker',
      cliArgs: ['serve', '--sagemaker', ...rest],
      healthUrl: `http://127.0.0.1:${p}/ping`,
    };
  }
  if (first === 'api') return api(rest);
  if (first === 'worker') return worker(rest);
  return { mode: 'command', cliArgs: [...args], healthUrl: undefined };
}
