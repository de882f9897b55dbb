import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { createApp, initApp } from '../../src/app.factory.js';
import { createAppLogger } from '../../src/common/logging/logger.factory.js';
import { testConfig } from '../helpers/test-app.factory.js';

type Line = Record<string, unknown>;

describe('access lines of refused requests (e2e)', () => {
  const raw: string[] = [];
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = testConfig({
      rateLimit: { enabled: true, ttlSec: 60, limit: 5 },
      data: { watchIntervalSec: 0 },
    });
    const logger = createAppLogger(
      { logFormat: 'json' },
      {
        logLevels: ['fatal', 'error', 'warn', 'log'],
        secrets: [],
        sink: { write: (l) => void raw.push(l) },
      },
    );
    app = await initApp(await createApp(config, { logger }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('a client past its budget gets its 429s, but only a bounded number of access lines', async () => {
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++)
      statuses.push((await request(app.getHttpServer()).get('/status')).status);
    const seconds = (Date.now() - started) / 1000;
    await sleep(20);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBe(115);
    const lines = raw
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.context === 'access' && l.status === 429);
    // At most 10 lines a second (RefusalLogLimiter's default), however many refusals.
    expect(lines.length).toBeLessThanOrEqual(10 * (Math.floor(seconds) + 1));
    expect(lines.length).toBeLessThan(refused);
    // What went without a line is counted on the lines written after it, never more than was refused.
    const counted = lines.reduce((n, l) => n + Number(l.refusalsNotLogged ?? 0), 0);
    expect(lines.length + counted).toBeLessThanOrEqual(refused);
  });
});
