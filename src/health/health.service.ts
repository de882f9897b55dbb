import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { packageVersion } from '../common/package-info.js';
import type { HealthResponseDto, LivenessResponseDto } from './dto/health-response.dto.js';
import { HEALTH_INDICATORS, READINESS_CHECKS } from './health-indicators.js';
import { asIndicator, type ReadinessCheck } from './readiness.checks.js';
import { RUNTIME_INFO, type RuntimeInfo } from './runtime-info.js';

export interface HealthReport {
  httpStatus: number;
  body: HealthResponseDto;
}

function isHealthCheckResult(value: unknown): value is HealthCheckResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'details' in value;
}

/** A check that throws is reported as down under its position, instead of failing /health. */
function guarded(check: HealthIndicatorFunction, index: number): HealthIndicatorFunction {
  return async (): Promise<HealthIndicatorResult> => {
    try {
      return typeof check === 'function' ? await check() : await check;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { [`check_${index}`]: { status: 'down', message } };
    }
  };
}

function failingOf(details: HealthIndicatorResult): string[] {
  return Object.entries(details)
    .filter(([, v]) => v.status === 'down')
    .map(([k]) => k);
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');
  private wasReady: boolean | null = null;

  constructor(
    private readonly terminus: HealthCheckService,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicatorFunction[],
    @Inject(READINESS_CHECKS) private readonly readiness: ReadinessCheck[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** GET /health/live: the process is up and answers; no checks. */
  live(): LivenessResponseDto {
    return { status: 'ok', uptime_s: this.uptime() };
  }

  /** GET /health/ready: 200 when every readiness check is up, else 503 naming the failing ones. */
  async ready(): Promise<HealthReport> {
    const result = await this.run(this.readinessIndicators());
    const ready = result.status === 'ok';
    this.noteReadiness(ready, result.details);
    return { httpStatus: ready ? 200 : 503, body: this.body(result, ready) };
  }

  /**
   * GET /health: version, uptime, tf backend, queue mode and every check. 503 only when one of the
   * HEALTH_INDICATORS is down; readiness checks that are down make it `degraded` (still 200).
   */
  async report(): Promise<HealthReport> {
    const [base, readiness] = await Promise.all([
      this.run(this.indicators.map(guarded)),
      this.run(this.readinessIndicators()),
    ]);
    const ready = readiness.status === 'ok';
    const healthy = base.status === 'ok' || base.status === 'degraded';
    const status = healthy && !ready ? 'degraded' : base.status;
    const merged: HealthCheckResult = {
      ...base,
      status,
      details: { ...readiness.details, ...base.details },
    };
    return { httpStatus: healthy ? 200 : 503, body: this.body(merged, ready) };
  }

  private readinessIndicators(): HealthIndicatorFunction[] {
    return this.readiness.map((c) => asIndicator(c, this.config.health.checkTimeoutMs));
  }

  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.terminus.check(indicators);
    } catch (err) {
      const body: unknown = err instanceof ServiceUnavailableException ? err.getResponse() : null;
      if (!isHealthCheckResult(body)) throw err;
      return body;
    }
  }

  private body(result: HealthCheckResult, ready: boolean): HealthResponseDto {
    return {
      status: result.status,
      ready,
      failing: failingOf(result.details),
      version: packageVersion(),
      uptime_s: this.uptime(),
      tf_backend: this.runtime.tfBackend(),
      queue_mode: this.runtime.queueMode(),
      timestamp: new Date().toISOString(),
      checks: result.details,
    };
  }

  /** Logs readiness changes (not every probe). */
  private noteReadiness(ready: boolean, details: HealthIndicatorResult): void {
    if (ready === this.wasReady) return;
    const first = this.wasReady === null;
    this.wasReady = ready;
    if (ready) this.logger.log('ready: every readiness check is up');
    else if (!first) this.logger.warn(`not ready: ${failingOf(details).join(', ')} down`);
  }

  private uptime(): number {
    return Math.round(process.uptime() * 10) / 10;
  }
}
