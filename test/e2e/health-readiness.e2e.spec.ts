import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DatasetService } from '../../src/data/dataset.service.js';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { registerTrainedModel } from '../../src/training/model-registration.js';
import { trainModel } from '../../src/training/model-trainer.js';
import {
  expectReadinessThroughRedisOutage,
  pollReadiness,
  type Readiness,
  type ReadinessProbe,
} from '../fixtures/health/readiness.js';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

describe('GET /health/ready and /health/live (e2e)', () => {
  beforeAll(() => initTfBackend('auto'));

  describe('before and after the first prod model serves', () => {
    let root: string;
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'fc-ready-'));
      // The first-start job loads the data but trains nothing: no prod model until the test promotes one.
      app = await startApp({
        startup: { enabled: true },
        data: {
          dir: join(root, 'data'),
          demo: { items: 8, days: 120, start: '2022-01-01', seed: 3, lang: 'en' },
        },
        storage: { driver: 'disk', disk: { root: join(root, 'models') } },
        forecasting: { trainOnStart: false, horizon: 7 },
      });
      await app.get(FirstStartService).settled();
      await app.get(ServedModelsService).whenLoaded();
    });
    afterAll(async () => {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('answers 503 naming the models check, then 200 once a prod model serves', async () => {
      const before = (await http().get('/health/ready').expect(503)).body as Readiness;
      expect(before.ready).toBe(false);
      expect(before.failing).toEqual(['models']);
      expect(before.checks.models.message).toMatch(/quantity/);
      expect(before.checks.startup.status).toBe('up');
      expect(before.checks.artifact_store.status).toBe('up');
      expect(before.checks.tf_backend.status).toBe('up');
      // /health keeps answering 200 (degraded) and shows the same checks; /health/live has none.
      const health = (await http().get('/health').expect(200)).body as Readiness;
      expect(health).toMatchObject({ status: 'degraded', ready: false, failing: ['models'] });
      expect((await http().get('/health/live').expect(200)).body).toMatchObject({ status: 'ok' });

      const panel = app.get(DatasetService).panel;
      if (!panel) throw new Error('no panel loaded');
      const outcome = await trainModel({
        panel,
        target: 'quantity',
        kind: 'seasonal-naive',
        horizon: 7,
        backtest: false,
      });
      const { version } = await registerTrainedModel(app.get(ModelRegistryService), outcome, {
        actor: 'test',
        stage: 'staging',
      });
      outcome.forecaster.dispose();
      await app.get(ModelRegistryService).promote(version.id, {
        actor: 'test',
        stage: 'prod',
        force: true,
        reason: 'readiness test',
      });
      await app.get(ServedModelsService).idle();

      const after = (await http().get('/health/ready').expect(200)).body as Readiness;
      expect(after).toMatchObject({ status: 'ok', ready: true, failing: [] });
      expect(after.checks.models).toMatchObject({ status: 'up' });
      expect((await http().get('/health').expect(200)).body).toMatchObject({ status: 'ok' });
    });
  });

  describe('while Redis goes away and comes back', () => {
    const savedRole = process.env.FRESHCAST_ROLE;
    let redis: PrivateRedis;
    let app: NestFastifyApplication;
    const ready: ReadinessProbe = async () => {
      const res = await request(app.getHttpServer()).get('/health/ready');
      return { code: res.status, body: res.body as Readiness };
    };

    beforeAll(async () => {
      process.env.FRESHCAST_ROLE = 'api';
      redis = await startPrivateRedis();
      app = await startApp({
        queue: { redisUrl: redis.url },
        jobs: {
          prefix: uniquePrefix('health-ready'),
          connectTimeoutMs: 5_000,
          commandTimeoutMs: 5_000,
          reconnectMaxDelayMs: 200,
        },
        data: { watchIntervalSec: 0 },
        // Only the infrastructure checks: this app serves no model.
        health: { readyTargets: [], checkTimeoutMs: 5_000 },
      });
    });
    afterAll(async () => {
      await redis.start();
      await app.close();
      await redis.stop();
      if (savedRole === undefined) delete process.env.FRESHCAST_ROLE;
      else process.env.FRESHCAST_ROLE = savedRole;
    });

    it('turns 503 naming redis, and 200 again on recovery', async () => {
      // The queue's connection may still be opening right after start.
      const up = await pollReadiness('readiness with Redis up', ready, 200, 15_000);
      expect(up.body.checks.redis.status).toBe('up');

      await expectReadinessThroughRedisOutage(redis, ready);
    });
  });
});
