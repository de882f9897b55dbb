import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp, initApp } from '../../src/app.factory.js';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.port.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../helpers/redis.js';
import { testConfig } from '../helpers/test-app.factory.js';

const KEY = 'e2e-jobs-outage-key-0123456789';

interface Envelope {
  error: string;
  message: string;
  details: unknown;
}

/** Keeps what the app logs, one entry per call (message and the rest, such as a stack). */
class CapturingLogger implements LoggerService {
  readonly lines: { level: string; text: string }[] = [];
  private keep(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push({ level, text: [message, ...rest].map(String).join(' ') });
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.keep('log', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.keep('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.keep('error', message, rest);
  }
}

/**
 * BullMQ mode on a redis-server of the test's own, stopped under the running app: every job route
 * answers the 503 queue_unavailable envelope (never a 500), and recovers when Redis is back.
 */
describe('job routes while Redis is unreachable (e2e)', () => {
  const savedRole = process.env.FRESHCAST_ROLE;
  let redis: PrivateRedis;
  let app: NestFastifyApplication;
  let waitingId: string;
  const logger = new CapturingLogger();
  const http = () => request(app.getHttpServer());
  const admin = (req: request.Test) => req.set('x-api-key', KEY);

  beforeAll(async () => {
    process.env.FRESHCAST_ROLE = 'api';
    redis = await startPrivateRedis();
    const config = testConfig({
      queue: { redisUrl: redis.url },
      jobs: {
        prefix: uniquePrefix('jobs-outage'),
        connectTimeoutMs: 5_000,
        commandTimeoutMs: 5_000,
        reconnectMaxDelayMs: 200,
      },
      auth: { adminApiKey: KEY },
      data: { watchIntervalSec: 0 },
    });
    app = await initApp(await createApp(config, { logger }));
    waitingId = (
      (await http().post('/predict/batch').send({}).expect(202)).body as { job_id: string }
    ).job_id;
    await redis.stop();
    const queue = app.get<JobQueue>(JOB_QUEUE);
    await pollUntil('the queue to see Redis gone', async () => !(await queue.health()).ok, 15_000);
  });
  afterAll(async () => {
    await redis.start();
    await app.close();
    await redis.stop();
    if (savedRole === undefined) delete process.env.FRESHCAST_ROLE;
    else process.env.FRESHCAST_ROLE = savedRole;
  });

  it('answers 503 queue_unavailable on every job route', async () => {
    const calls: [string, () => request.Test][] = [
      ['POST /predict/batch', () => http().post('/predict/batch').send({ horizon: 7 })],
      [
        'POST /predict/batch (idempotent)',
        () => http().post('/predict/batch').set('Idempotency-Key', 'k1').send({}),
      ],
      ['GET /predict/jobs/:id', () => http().get(`/predict/jobs/${waitingId}`)],
      ['GET /predict/jobs/:id/result', () => http().get(`/predict/jobs/${waitingId}/result`)],
      ['POST /admin/retrain', () => admin(http().post('/admin/retrain')).send({})],
      ['POST /admin/backtest', () => admin(http().post('/admin/backtest')).send({ kind: 'ets' })],
      ['POST /admin/refresh-forecasts', () => admin(http().post('/admin/refresh-forecasts'))],
      ['GET /admin/jobs', () => admin(http().get('/admin/jobs?state=waiting'))],
      ['GET /admin/jobs/:id', () => admin(http().get(`/admin/jobs/${waitingId}`))],
      ['DELETE /admin/jobs/:id', () => admin(http().delete(`/admin/jobs/${waitingId}`))],
    ];
    for (const [route, call] of calls) {
      const res = await call();
      expect({ route, status: res.status, error: (res.body as Envelope).error }).toEqual({
        route,
        status: 503,
        error: 'queue_unavailable',
      });
      expect((res.body as Envelope).message).toContain('retry later');
      // Anonymous clients are not told where Redis is.
      expect((res.body as Envelope).message).not.toMatch(/redis:|127\.0\.0\.1|:\d{4,5}/i);
    }
    // Expected 503s: one rate-limited line for the burst (naming the cause), no stack.
    const about = logger.lines.filter((l) => l.text.includes('queue_unavailable'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ level: 'warn' });
    expect(about[0].text).not.toContain('\n');
    expect(about[0].text).toContain(redis.url.replace(/^redis:\/\//, '').replace(/\/.*$/, ''));
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('still validates before touching the queue (400, 401) while Redis is down', async () => {
    await http().post('/predict/batch').send({ horizon: 0 }).expect(400);
    await http().get('/predict/jobs/a$b').expect(400);
    await http().post('/admin/retrain').send({}).expect(401);
  });

  it('works again once Redis is back', async () => {
    await redis.start();
    const queue = app.get<JobQueue>(JOB_QUEUE);
    await pollUntil('the queue to reconnect', async () => (await queue.health()).ok, 30_000);
    // The private Redis kept nothing: the job submitted before the outage is gone.
    await http().get(`/predict/jobs/${waitingId}`).expect(404);
    const res = await http().post('/predict/batch').send({}).expect(202);
    const { job_id } = res.body as { job_id: string };
    const status = await http().get(`/predict/jobs/${job_id}`).expect(200);
    expect((status.body as { state: string }).state).toBe('waiting');
  });
});
