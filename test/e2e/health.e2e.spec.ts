import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { startApp } from '../helpers/test-app.factory.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('GET /health (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    await initTfBackend('auto'); // what main.ts does at boot; tfjs-node is absent here, so wasm
    app = await startApp();
  });
  afterAll(() => app.close());

  it('reports status, version, uptime, tf backend, queue mode and the readiness checks', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    // No first-start job in tests, so no prod model: up, but degraded until one serves.
    expect(res.body).toMatchObject({
      status: 'degraded',
      ready: false,
      failing: ['models'],
      version: pkg.version,
      queue_mode: 'in-process',
      checks: {
        startup: { status: 'up', phase: 'disabled' },
        models: { status: 'down' },
        artifact_store: { status: 'up', driver: 'disk' },
        tf_backend: { status: 'up', backend: 'wasm' },
      },
    });
    expect(res.body.uptime_s).toBeGreaterThanOrEqual(0);
    expect(res.body.tf_backend).toBe('wasm');
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('reports redis queue mode when a Redis URL is configured', async () => {
    const redisApp = await startApp({ queue: { redisUrl: TEST_REDIS_URL } });
    try {
      const res = await request(redisApp.getHttpServer()).get('/health').expect(200);
      expect(res.body.queue_mode).toBe('redis');
    } finally {
      await redisApp.close();
    }
  });
});
