import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { nextRequestArrives, openRawConnection, untilNotListening } from '../helpers/raw-http.js';
import { startApp } from '../helpers/test-app.factory.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectEnvelope(received: unknown, requestId: string | undefined): void {
  const body = received as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual([
    'details',
    'error',
    'message',
    'request_id',
    'timestamp',
  ]);
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(body.request_id).toBe(requestId);
  expect(Number.isNaN(Date.parse(String(body.timestamp)))).toBe(false);
}

describe('HTTP foundation (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({
      server: { bodyLimit: '2kb', corsOrigins: ['https://shop.example'] },
    });
  });
  afterAll(() => app.close());

  describe('x-request-id', () => {
    it('echoes a sane incoming id', async () => {
      const res = await request(app.getHttpServer())
        .get('/health')
        .set('x-request-id', 'abc.DEF-123_x');
      expect(res.headers['x-request-id']).toBe('abc.DEF-123_x');
    });

    it('generates a UUID when none is sent, different per request', async () => {
      const a = await request(app.getHttpServer()).get('/health');
      const b = await request(app.getHttpServer()).get('/health');
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(b.headers['x-request-id']).toMatch(UUID);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('replaces an id that is too long or has odd characters', async () => {
      for (const id of ['x'.repeat(129), 'a b', '<script>', 'ü']) {
        const res = await request(app.getHttpServer()).get('/health').set('x-request-id', id);
        expect(res.headers['x-request-id']).toMatch(UUID);
      }
    });
  });

  it('answers an unknown route with a 404 envelope carrying the request id', async () => {
    const res = await request(app.getHttpServer())
      .get('/no/such/route')
      .set('x-request-id', 'req-404');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('req-404');
    expectEnvelope(res.body, 'req-404');
    expect(res.body.error).toBe('not_found');
    expect(res.body.details).toBeNull();
  });

  it('answers malformed JSON with a 400 envelope', async () => {
    const res = await request(app.getHttpServer())
      .post('/data/validate')
      .set('content-type', 'application/json')
      .send('{"horizon": 28,,}');
    expect(res.status).toBe(400);
    expectEnvelope(res.body, res.headers['x-request-id']);
    expect(res.body.error).toBe('malformed_json');
  });

  it('answers a JSON body over server.bodyLimit with a 413 envelope', async () => {
    const res = await request(app.getHttpServer())
      .post('/no/such/route')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(4096) }));
    expect(res.status).toBe(413);
    expectEnvelope(res.body, res.headers['x-request-id']);
    expect(res.body.error).toBe('payload_too_large');
    expect(res.body.details).toEqual({ limit_bytes: 2048 });
  });

  it('answers an unsupported body encoding with a 415 envelope', async () => {
    for (const [path, encoding] of [
      ['/predict', 'x-bogus'],
      ['/predict', 'gzip'],
      ['/no/such/route', 'deflate'],
    ]) {
      const res = await request(app.getHttpServer())
        .post(path)
        .set('content-type', 'application/json')
        .set('content-encoding', encoding)
        .send('{}');
      expect(res.status).toBe(415);
      expectEnvelope(res.body, res.headers['x-request-id']);
      expect(res.body.message).toContain(`'${encoding}'`);
    }
  });

  it('reads an empty JSON body as no body: the route answers (here a validation 400)', async () => {
    const res = await request(app.getHttpServer())
      .post('/predict')
      .set('content-type', 'application/json')
      .send('');
    expect(res.status).toBe(400);
    expectEnvelope(res.body, res.headers['x-request-id']);
    expect(res.body.error).not.toBe('malformed_json');
  });

  it('refuses prototype-poisoning JSON as malformed, saying why', async () => {
    const res = await request(app.getHttpServer())
      .post('/predict')
      .set('content-type', 'application/json')
      .send('{"item_code":"a","__proto__":{"admin":true}}')
      .expect(400);
    expectEnvelope(res.body, res.headers['x-request-id']);
    expect(res.body.error).toBe('malformed_json');
    expect(res.body.details.reason).toMatch(/prototype/i);
  });

  it('closes on SIGTERM and SIGINT only: SIGUSR2 (heap snapshots) and SIGHUP are left alone', async () => {
    const signals = ['SIGTERM', 'SIGINT', 'SIGUSR2', 'SIGHUP'] as const;
    const before = signals.map((s) => process.listenerCount(s));
    const another = await startApp();
    try {
      expect(signals.map((s) => process.listenerCount(s))).toEqual([
        before[0] + 1,
        before[1] + 1,
        before[2],
        before[3],
      ]);
    } finally {
      await another.close();
    }
  });

  it('answers a request that arrives while the server closes with a 503 envelope and Connection: close', async () => {
    // The drain gives up on the half-sent request after 200 ms and closes the server.
    const closingApp = await startApp({ server: { drainMaxMs: 200 } });
    await closingApp.listen(0, '127.0.0.1');
    const server = closingApp.getHttpServer();
    const { socket, received } = await openRawConnection(server);
    // A first request holds the connection busy (half its body sent), so closing keeps it open.
    const body = JSON.stringify({ item_code: 'x' });
    const arrived = nextRequestArrives(server);
    socket.write(
      `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await arrived;
    const closing = closingApp.close();
    await untilNotListening(server);
    // The rest of it, and a second request on the same connection, now that the server is closing.
    socket.end(`${body.slice(5)}GET /health HTTP/1.1\r\nHost: x\r\n\r\n`);
    const text = await received;
    await closing;
    const second = text.slice(text.indexOf('HTTP/1.1 ', 1));
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    const head = second.slice(0, second.indexOf('\r\n\r\n')).toLowerCase();
    expect(head).toContain('connection: close');
    expect(head).toContain('retry-after: 1');
    expect(head).toContain('x-content-type-options: nosniff');
    const requestId = /x-request-id: (\S+)/.exec(head)?.[1];
    const envelope: unknown = JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4));
    expectEnvelope(envelope, requestId);
    expect((envelope as { error: string }).error).toBe('shutting_down');
  });

  it('routes a path with a trailing slash like the path without one', async () => {
    const res = await request(app.getHttpServer()).get('/health/live/').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers a bad percent-encoding in the path with a 4xx envelope', async () => {
    const res = await request(app.getHttpServer()).get('/data/%E0%A4%A');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectEnvelope(res.body, res.headers['x-request-id']);
  });

  it('never answers 5xx to random bytes, whatever the content type', async () => {
    const types = [
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=----xyz',
      'multipart/mixed; boundary=abc',
      'text/csv',
      'text/plain; charset=utf-16',
      'application/octet-stream',
      'image/png',
      'application/json; charset=koi8-r',
    ];
    const serverErrors: string[] = [];
    for (const [i, type] of types.entries()) {
      for (const path of ['/data/validate', '/health', '/nowhere']) {
        const res = await request(app.getHttpServer())
          .post(path)
          .set('content-type', type)
          .send(randomBytes(64 + i * 97));
        if (res.status >= 500) serverErrors.push(`${res.status} for ${type} to ${path}`);
        if (res.status >= 400) expectEnvelope(res.body, res.headers['x-request-id']);
      }
    }
    expect(serverErrors).toEqual([]);
  });

  it('sends helmet security headers', async () => {
    const res = await request(app.getHttpServer()).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('allows CORS only from the configured origins, exposing x-request-id', async () => {
    const ok = await request(app.getHttpServer())
      .get('/health')
      .set('origin', 'https://shop.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(ok.headers['access-control-expose-headers']).toContain('x-request-id');
    const other = await request(app.getHttpServer())
      .get('/health')
      .set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
