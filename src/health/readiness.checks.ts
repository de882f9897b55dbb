import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { Target } from '../data/series-panel.js';
import type { StartupPhase } from '../startup/startup-state.js';
import { errorMessage } from '../common/errors/error-message.js';

/** One named readiness check: resolves to its terminus result (`{[name]: {status, ...}}`). */
export interface ReadinessCheck {
  readonly name: string;
  run(): Promise<HealthIndicatorResult>;
}

type Details = Record<string, unknown>;

function result(name: string, up: boolean, details: Details = {}): HealthIndicatorResult {
  return { [name]: { status: up ? 'up' : 'down', ...details } };
}

/** Runs a check with a time limit; a check that throws or takes too long is reported down, with why. */
export function asIndicator(
  check: ReadinessCheck,
  timeoutMs: number,
): () => Promise<HealthIndicatorResult> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthIndicatorResult>((resolve) => {
      timer = setTimeout(
        () => resolve(result(check.name, false, { message: `timed out after ${timeoutMs} ms` })),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([check.run(), timeout]);
    } catch (err) {
      return result(check.name, false, { message: errorMessage(err) });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The first-start job (data, default model) is over: up when it finished or is disabled. */
export function startupCheck(
  state: () => { enabled: boolean; phase: StartupPhase; error: string | null },
): ReadinessCheck {
  return {
    name: 'startup',
    run: () => {
      const { enabled, phase, error } = state();
      if (!enabled) return Promise.resolve(result('startup', true, { phase: 'disabled' }));
      if (phase === 'ready') return Promise.resolve(result('startup', true, { phase }));
      const message =
        phase === 'failed'
          ? `first-start job failed: ${error ?? 'unknown error'}`
          : `first-start job still running (${phase})`;
      return Promise.resolve(result('startup', false, { phase, message }));
    },
  };
}

/** Each required target has a prod model served; `servedId` gives the served model's id or null. */
export function modelsCheck(
  targets: readonly Target[],
  servedId: (target: Target) => string | null,
): ReadinessCheck {
  return {
    name: 'models',
    run: () => {
      const serving: Partial<Record<Target, string>> = {};
      const missing: Target[] = [];
      for (const target of targets) {
        const id = servedId(target);
        if (id === null) missing.push(target);
        else serving[target] = id;
      }
      const details: Details = { serving };
      if (missing.length > 0) details.message = `no prod model serves ${missing.join(', ')} yet`;
      return Promise.resolve(result('models', missing.length === 0, details));
    },
  };
}

/** Redis answers (queue mode redis only); `health` is the job queue's own probe. */
export function redisCheck(health: () => Promise<{ ok: boolean; detail: string }>): ReadinessCheck {
  return {
    name: 'redis',
    run: async () => {
      const t0 = performance.now();
      const h = await health();
      const latency_ms = Math.round((performance.now() - t0) * 10) / 10;
      return h.ok
        ? result('redis', true, { latency_ms })
        : result('redis', false, { message: h.detail });
    },
  };
}

/** The artifact store answers a cheap lookup (a missing key is an answer; an I/O or network error is not). */
export function artifactStoreCheck(driver: string, probe: () => Promise<unknown>): ReadinessCheck {
  return {
    name: 'artifact_store',
    run: async () => {
      const t0 = performance.now();
      await probe();
      const latency_ms = Math.round((performance.now() - t0) * 10) / 10;
      return result('artifact_store', true, { driver, latency_ms });
    },
  };
}

/** The TensorFlow.js backend is initialised. */
export function tfBackendCheck(backend: () => string | null): ReadinessCheck {
  return {
    name: 'tf_backend',
    run: () => {
      const name = backend();
      return Promise.resolve(
        name === null
          ? result('tf_backend', false, { message: 'tf backend not initialised' })
          : result('tf_backend', true, { backend: name }),
      );
    },
  };
}

/** A worker takes jobs: its queue workers are started and not shutting down. */
export function consumingCheck(processing: () => boolean): ReadinessCheck {
  return {
    name: 'consuming',
    run: () =>
      Promise.resolve(
        processing()
          ? result('consuming', true)
          : result('consuming', false, { message: 'not taking jobs (starting or shutting down)' }),
      ),
  };
}
