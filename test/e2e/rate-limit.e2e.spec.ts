import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp } from '../helpers/test-app.factory.js';

describe('rate limiting (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-rate-'));
    app = await startApp({
      rateLimit: { enabled: true, ttlSec: 60, limit: 5 },
      data: { dir: join(root, 'data') },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the 6th request in a window with a 429 envelope and retry-after', async () => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 5; i++) {
      const ok = await http.get('/status').set('x-api-key', 'client-a');
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('5');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const res = await http.get('/status').set('x-api-key', 'client-a').set('x-request-id', 'rl-6');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      error: 'too_many_requests',
      message: expect.stringContaining('limit is 5 per 60 s') as unknown,
      details: null,
      timestamp: expect.any(String) as unknown,
      request_id: 'rl-6',
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('gives another api key its own budget', async () => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 5; i++) {
      await http.get('/status').set('x-api-key', 'client-b').expect(200);
    }
    await http.get('/status').set('x-api-key', 'client-b').expect(429);
    // client-a is still over its budget, independently of client-b
    await http.get('/status').set('x-api-key', 'client-a').expect(429);
  });

  it('counts requests without a key against the client IP', async () => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 5; i++) await http.get('/status').expect(200);
    await http.get('/status').expect(429);
  });

  it.each(['/health', '/metrics', '/docs-json'])('never limits %s', async (path) => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 8; i++) {
      const res = await http.get(path).set('x-api-key', 'client-a');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});
