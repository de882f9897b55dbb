import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { packageVersion } from '../common/package-info.js';
import type { HealthResponseDto } from './dto/health-response.dto.js';
import { HEALTH_INDICATORS } from './health-indicators.js';
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

@Injectable()
export class HealthService {
  constructor(
    private readonly terminus: HealthCheckService,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicatorFunction[],
  ) {}

  /** Runs the health indicators and adds version, uptime, tf backend and queue mode. */
  async report(): Promise<HealthReport> {
    let result: HealthCheckResult;
    try {
      result = await this.terminus.check(this.indicators.map(guarded));
    } catch (err) {
      const body: unknown = err instanceof ServiceUnavailableException ? err.getResponse() : null;
      if (!isHealthCheckResult(body)) throw err;
      result = body;
    }
    const healthy = result.status === 'ok' || result.status === 'degraded';
    return {
      httpStatus: healthy ? 200 : 503,
      body: {
        status: result.status,
        version: packageVersion(),
        uptime_s: Math.round(process.uptime() * 10) / 10,
        tf_backend: this.runtime.tfBackend(),
        queue_mode: this.runtime.queueMode(),
        timestamp: new Date().toISOString(),
        checks: result.details,
      },
    };
  }
}
