import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { HealthIndicatorFunction } from '@nestjs/terminus';
import request from 'supertest';
import { AppConfigModule } from '../../../src/config/config.module.js';
import { HEALTH_INDICATORS } from '../../../src/health/health-indicators.js';
import { HealthModule } from '../../../src/health/health.module.js';
import { RUNTIME_INFO, type RuntimeInfo } from '../../../src/health/runtime-info.js';
import { startCompiledApp, testConfig } from '../../helpers/test-app.factory.js';

async function healthApp(
  runtime: RuntimeInfo,
  indicators: HealthIndicatorFunction[],
): Promise<NestFastifyApplication> {
  const config = testConfig();
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(config),
      HealthModule.forRoot({
        providers: [
          { provide: RUNTIME_INFO, useValue: runtime },
          { provide: HEALTH_INDICATORS, useValue: indicators },
        ],
      }),
    ],
  }).compile();
  return startCompiledApp(moduleRef, config);
}

describe('HealthModule.forRoot with provided runtime info and checks', () => {
  const runtime: RuntimeInfo = { tfBackend: () => 'wasm', queueMode: () => 'redis' };

  it('reports the provided tf backend, queue mode and checks', async () => {
    const app = await healthApp(runtime, [() => ({ redis: { status: 'up', latency_ms: 1 } })]);
    try {
      const res = await request(app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        tf_backend: 'wasm',
        queue_mode: 'redis',
        checks: { redis: { status: 'up', latency_ms: 1 } },
      });
    } finally {
      await app.close();
    }
  });

  it('answers 503 with the health body when a check is down or throws', async () => {
    const app = await healthApp(runtime, [
      () => ({ redis: { status: 'down', message: 'connection refused' } }),
      () => {
        throw new Error('store unreachable');
      },
    ]);
    try {
      const res = await request(app.getHttpServer()).get('/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.checks.redis).toEqual({ status: 'down', message: 'connection refused' });
      expect(res.body.checks.check_1).toEqual({ status: 'down', message: 'store unreachable' });
      expect(res.body.version).toEqual(expect.any(String));
    } finally {
      await app.close();
    }
  });
});
