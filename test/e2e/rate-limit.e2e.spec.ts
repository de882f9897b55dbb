import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { hashApiKey } from '../../src/common/auth/client-keys.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY_A = 'client-a-key-0123456789abcdef';
const KEY_B = 'client-b-key-0123456789abcdef';
const KEY_BIG = 'client-big-key-0123456789abcdef';

describe('rate limiting (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-rate-'));
    app = await startApp({
      rateLimit: { enabled: true, ttlSec: 60, limit: 5 },
      auth: {
        clientApiKeys: [
          { name: 'client-a', sha256: hashApiKey(KEY_A) },
          { name: 'client-b', sha256: hashApiKey(KEY_B) },
          { name: 'client-big', sha256: hashApiKey(KEY_BIG), rateLimit: 8 },
        ],
      },
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
      const ok = await http.get('/status').set('x-api-key', KEY_A);
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('5');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const res = await http.get('/status').set('x-api-key', KEY_A).set('x-request-id', 'rl-6');
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

  it('gives another configured key its own budget, and a key its own limit when set', async () => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 5; i++) await http.get('/status').set('x-api-key', KEY_B).expect(200);
    await http.get('/status').set('x-api-key', KEY_B).expect(429);
    // client-a is still over its budget, independently of client-b
    await http.get('/status').set('x-api-key', KEY_A).expect(429);
    for (let i = 0; i < 8; i++) {
      const ok = await http.get('/status').set('x-api-key', KEY_BIG).expect(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('8');
    }
    await http.get('/status').set('x-api-key', KEY_BIG).expect(429);
  });

  it.each(['/health', '/metrics', '/docs-json'])('never limits %s', async (path) => {
    const http = request(app.getHttpServer());
    for (let i = 0; i < 8; i++) {
      const res = await http.get(path).set('x-api-key', KEY_A);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('rate limiting by client address (e2e)', () => {
  let root: string;
  const apps: NestFastifyApplication[] = [];
  const start = async (server: Record<string, unknown>): Promise<NestFastifyApplication> => {
    const app = await startApp({
      server,
      rateLimit: { enabled: true, ttlSec: 60, limit: 3 },
      data: { dir: join(root, 'data') },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
    });
    apps.push(app);
    return app;
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-rate-ip-'));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('counts requests with unknown x-api-keys, each different, against the client IP', async () => {
    const http = request((await start({})).getHttpServer());
    for (let i = 0; i < 3; i++)
      await http.get('/status').set('x-api-key', randomBytes(12).toString('hex')).expect(200);
    await http.get('/status').set('x-api-key', randomBytes(12).toString('hex')).expect(429);
    await http.get('/status').expect(429);
  });

  it('ignores X-Forwarded-For unless server.trustProxy trusts the peer', async () => {
    const http = request((await start({})).getHttpServer());
    for (let i = 0; i < 3; i++)
      await http.get('/status').set('x-forwarded-for', `203.0.113.${i}`).expect(200);
    await http.get('/status').set('x-forwarded-for', '203.0.113.99').expect(429);
  });

  it('takes the client from X-Forwarded-For when the peer is a trusted proxy', async () => {
    const http = request((await start({ trustProxy: 'loopback' })).getHttpServer());
    for (let i = 0; i < 3; i++)
      await http.get('/status').set('x-forwarded-for', '203.0.113.7').expect(200);
    await http.get('/status').set('x-forwarded-for', '203.0.113.7').expect(429);
    // Another client behind the same proxy has its own budget; a spoofed leftmost entry is not
    // trusted (the proxy appends the address it saw).
    await http.get('/status').set('x-forwarded-for', '203.0.113.8').expect(200);
    await http.get('/status').set('x-forwarded-for', '198.51.100.1, 203.0.113.7').expect(429);
  });
});
