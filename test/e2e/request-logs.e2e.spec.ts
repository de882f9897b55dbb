import { Body, Controller, Injectable, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { createApp, initApp } from '../../src/app.factory.js';
import { hashApiKey } from '../../src/common/auth/client-keys.js';
import { createAppLogger, loggerFor } from '../../src/common/logging/logger.factory.js';
import { secretValuesOf } from '../../src/common/logging/redact.js';
import { startModuleApp, testConfig } from '../helpers/test-app.factory.js';

const ADMIN_KEY = 'admin-key-for-the-log-test-0123456789';
const CLIENT_KEY = 'client-key-for-the-log-test-0123456789';
const BEARER = 'bearer-token-for-the-log-test-0123';
const COOKIE = 'session-cookie-for-the-log-test-0123';

type Line = Record<string, unknown>;

/** Every line the app writes, as written (the JSON format, all levels). */
class Capture {
  readonly raw: string[] = [];
  logger(config: Parameters<typeof secretValuesOf>[0]) {
    return createAppLogger(
      { logFormat: 'json' },
      {
        logLevels: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
        secrets: secretValuesOf(config),
        sink: { write: (l) => void this.raw.push(l) },
      },
    );
  }
  parsed(from = 0, to = this.raw.length): Line[] {
    return this.raw.slice(from, to).map((l) => JSON.parse(l) as Line);
  }
}

/** Sends one request and returns the lines written from its start until its access line had time. */
async function linesOf(capture: Capture, send: () => request.Test): Promise<Line[]> {
  const from = capture.raw.length;
  await send();
  // The access line is written once the response has finished (Fastify's onResponse).
  await sleep(20);
  return capture.parsed(from);
}

describe('request logs of the whole app (e2e)', () => {
  const capture = new Capture();
  let root: string;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-logs-'));
    const config = testConfig({
      auth: {
        adminApiKey: ADMIN_KEY,
        clientApiKeys: [{ name: 'shop-7', sha256: hashApiKey(CLIENT_KEY) }],
      },
      data: { dir: join(root, 'data'), watchIntervalSec: 0 },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
    });
    app = await initApp(await createApp(config, { logger: capture.logger(config) }));
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const cases: [string, string, () => request.Test, Line, number][] = [
    [
      'the admin key',
      'log-admin-1',
      () => http().get('/status?verbose=1').set('x-api-key', ADMIN_KEY),
      { route: '/status', method: 'GET', status: 200, client: 'admin', level: 'info' },
      1,
    ],
    [
      'a client key, with credentials in other headers too',
      'log-client-2',
      () =>
        http()
          .get('/status')
          .set('x-api-key', CLIENT_KEY)
          .set('authorization', `Bearer ${BEARER}`)
          .set('cookie', `sid=${COOKIE}`),
      { route: '/status', status: 200, client: 'shop-7' },
      1,
    ],
    [
      'a failing request (malformed JSON)',
      'log-bad-json-3',
      () =>
        http()
          .post('/predict')
          .set('x-api-key', CLIENT_KEY)
          .set('content-type', 'application/json')
          .send('{"item_code": '),
      { route: '/predict', method: 'POST', status: 400, client: 'shop-7' },
      1,
    ],
    [
      'a server-side failure (no model served yet)',
      'log-no-model-4',
      // A client that put a key in the query too: the fault's line names the path only.
      () =>
        http()
          .post(`/predict?api_key=${CLIENT_KEY}`)
          .set('x-api-key', ADMIN_KEY)
          .send({ item_code: 'x', horizon: 7 }),
      { route: '/predict', method: 'POST', client: 'admin', level: 'warn' },
      // The error envelope's own line (written by the exception filter, a Nest Logger) too.
      2,
    ],
    [
      'an unknown route with a key in the query',
      'log-unknown-5',
      () => http().get(`/nowhere?key=${ADMIN_KEY}`).set('x-api-key', CLIENT_KEY),
      { route: 'unmatched', status: 404 },
      1,
    ],
    [
      'a refused key',
      'log-refused-6',
      () => http().get('/status').set('x-api-key', 'not-a-configured-key-0123456789'),
      { route: '/status', status: 403 },
      1,
    ],
  ];

  it.each(cases)(
    'writes one access line and the request id on every line for %s',
    async (_what, id, send, expected, atLeast) => {
      const lines = await linesOf(capture, () => send().set('x-request-id', id));
      expect(lines.length).toBeGreaterThanOrEqual(atLeast);
      for (const line of lines) expect(line.reqId).toBe(id);
      const access = lines.filter((l) => l.context === 'access');
      expect(access).toHaveLength(1);
      expect(access[0]).toMatchObject({ reqId: id, ...expected });
      expect(typeof access[0].durationMs).toBe('number');
      expect(String(access[0].route)).not.toContain('?');
    },
  );

  it('writes no access line for a probe that succeeds (hot route, errors only)', async () => {
    const lines = await linesOf(capture, () =>
      http().get('/health/live').set('x-request-id', 'log-live-8'),
    );
    expect(lines.filter((l) => l.context === 'access')).toHaveLength(0);
  });

  it('never writes a key, a token or a cookie, in any line of the run', () => {
    const all = capture.raw.join('');
    expect(capture.raw.length).toBeGreaterThan(6);
    for (const secret of [ADMIN_KEY, CLIENT_KEY, BEARER, COOKIE, hashApiKey(CLIENT_KEY)])
      expect(all).not.toContain(secret);
  });
});

class ProbeDto {
  @IsString()
  tag!: string;
}

@Injectable()
class ProbeService {
  private readonly log = loggerFor(ProbeService);

  async handle(tag: string): Promise<string> {
    this.log.log(`start ${tag}`);
    await sleep(5 + (tag.length % 3));
    await Promise.all(
      [1, 2].map(async (n) => {
        await sleep(n);
        this.log.debug(`part ${n} of ${tag}`);
      }),
    );
    this.log.warn(`end ${tag}`);
    return tag;
  }
}

@Controller('probe')
class ProbeController {
  constructor(private readonly probe: ProbeService) {}

  @Post()
  async run(@Body() body: ProbeDto): Promise<{ tag: string }> {
    return { tag: await this.probe.handle(body.tag) };
  }
}

/** Sends POST /probe {tag} with the body in a later packet than the headers; resolves its status. */
function postWithLateBody(port: number, tag: string, id: string): Promise<number> {
  const body = JSON.stringify({ tag });
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/probe',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-request-id': id,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    // The body in a later packet: read in the socket's context, not the request's.
    setTimeout(() => req.end(body), 50);
  });
}

describe('service-level lines of a request (e2e)', () => {
  const capture = new Capture();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = testConfig({ logging: { access: { mode: 'all' } } });
    app = await startModuleApp({
      controllers: [ProbeController],
      providers: [ProbeService],
      config,
      logger: capture.logger(config),
    });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
  });

  const cases: [string, string[], (tag: string, id: string) => Promise<number>][] = [
    [
      'twelve concurrent requests',
      Array.from({ length: 12 }, (_, i) => `t${i}`),
      async (tag, id) =>
        (await request(app.getHttpServer()).post('/probe').set('x-request-id', id).send({ tag }))
          .status,
    ],
    [
      'a body that arrives after its headers (over a socket)',
      ['late-body'],
      (tag, id) => postWithLateBody((app.getHttpServer().address() as AddressInfo).port, tag, id),
    ],
  ];

  it.each(cases)(
    'gives each line of a service awaited in a request the id of that request: %s',
    async (_what, tags, send) => {
      const from = capture.raw.length;
      const statuses = await Promise.all(tags.map((tag) => send(tag, `probe-${tag}`)));
      expect(statuses).toEqual(tags.map(() => 201));
      await sleep(20);
      const lines = capture.parsed(from);
      for (const tag of tags) {
        const own = lines.filter(
          (l) => String(l.msg).endsWith(` ${tag}`) || l.reqId === `probe-${tag}`,
        );
        // start, part 1, part 2, end, the access line.
        expect(own).toHaveLength(5);
        for (const line of own) expect(line.reqId).toBe(`probe-${tag}`);
      }
    },
  );
});
