import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { hashApiKey } from '../../src/common/auth/client-keys.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

const SHOP_A = 'shop-a-key-0123456789abcdefgh';
const SHOP_B = 'shop-b-key-0123456789abcdefgh';
const OPS = 'ops-key-0123456789abcdefghijk';

interface Accepted {
  job_id: string;
  deduplicated: boolean;
}

/**
 * Batch jobs of several clients on BullMQ (real Redis), as an `api` process: nobody runs the jobs, so
 * they stay queued and the per-client cap, ownership and idempotency scopes are exact.
 */
describe('batch jobs per client (e2e)', () => {
  const prefix = uniquePrefix('jobs-clients');
  const savedRole = process.env.FRESHCAST_ROLE;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const submit = (key: string, body: object, idem?: string) => {
    const req = http().post('/predict/batch').set('x-api-key', key);
    return (idem === undefined ? req : req.set('Idempotency-Key', idem)).send(body);
  };

  beforeAll(async () => {
    process.env.FRESHCAST_ROLE = 'api';
    app = await startApp({
      queue: { redisUrl: TEST_REDIS_URL },
      jobs: { prefix, maxQueuedPerClient: 3 },
      rateLimit: { jobSubmissions: 6 },
      auth: {
        clientApiKeys: [
          { name: 'shop-a', sha256: hashApiKey(SHOP_A) },
          { name: 'shop-b', sha256: hashApiKey(SHOP_B) },
          { name: 'ops', sha256: hashApiKey(OPS), role: 'admin' },
        ],
      },
      data: { watchIntervalSec: 0 },
    });
  });
  afterAll(async () => {
    await app.close();
    if (savedRole === undefined) delete process.env.FRESHCAST_ROLE;
    else process.env.FRESHCAST_ROLE = savedRole;
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
  });

  it('scopes Idempotency-Keys per client and shows a job only to its owner and admins', async () => {
    const a = (await submit(SHOP_A, { horizon: 3 }, 'nightly').expect(202)).body as Accepted;
    const b = (await submit(SHOP_B, { horizon: 4 }, 'nightly').expect(202)).body as Accepted;
    expect(b.job_id).not.toBe(a.job_id);
    expect(b.deduplicated).toBe(false);
    const again = (await submit(SHOP_A, { horizon: 3 }, 'nightly').expect(202)).body as Accepted;
    expect(again).toMatchObject({ job_id: a.job_id, deduplicated: true });

    await http().get(`/predict/jobs/${a.job_id}`).set('x-api-key', SHOP_A).expect(200);
    await http().get(`/predict/jobs/${a.job_id}`).set('x-api-key', OPS).expect(200);
    const other = await http().get(`/predict/jobs/${a.job_id}`).set('x-api-key', SHOP_B);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: 'job_not_found' });
    await http().get(`/predict/jobs/${a.job_id}/result`).set('x-api-key', SHOP_B).expect(404);
    await http().get(`/predict/jobs/${a.job_id}`).expect(401);

    const conflict = await submit(SHOP_B, { horizon: 9 }, 'nightly').expect(409);
    expect(conflict.body).toMatchObject({ error: 'idempotency_conflict', details: null });
    expect(JSON.stringify(conflict.body)).not.toContain(a.job_id);
    expect(JSON.stringify(conflict.body)).not.toContain(b.job_id);

    const detail = await http().get(`/admin/jobs/${a.job_id}`).set('x-api-key', OPS).expect(200);
    expect(detail.body).toMatchObject({ submitted_by: 'shop-a' });
  });

  it('caps the jobs a client has queued at jobs.maxQueuedPerClient: 429 in the envelope', async () => {
    // shop-a has 1 queued from the first test.
    await submit(SHOP_A, { horizon: 5 }).expect(202);
    await submit(SHOP_A, { horizon: 6 }).expect(202);
    const over = await submit(SHOP_A, { horizon: 7 }).expect(429);
    expect(over.body).toMatchObject({
      error: 'too_many_queued_jobs',
      details: { limit: 3 },
      request_id: expect.any(String) as unknown,
    });
    // Another client is not held up by shop-a's jobs.
    await submit(SHOP_B, { horizon: 5 }).expect(202);
  });

  it('limits job submissions per client per window (rateLimit.jobSubmissions)', async () => {
    // shop-b: 3 submissions so far (the 409 counts too), 6 allowed per window.
    await submit(SHOP_B, { horizon: 6 }).expect(202);
    for (const horizon of [7, 8]) {
      const capped = await submit(SHOP_B, { horizon }).expect(429);
      expect(capped.body).toMatchObject({ error: 'too_many_queued_jobs' });
    }
    const limited = await submit(SHOP_B, { horizon: 9 }).expect(429);
    expect(limited.body).toMatchObject({ error: 'too_many_requests' });
    expect((limited.body as { message: string }).message).toContain('job submissions');
    // Other routes keep their own budget.
    await http().get('/status').set('x-api-key', SHOP_B).expect(200);
  });
});
