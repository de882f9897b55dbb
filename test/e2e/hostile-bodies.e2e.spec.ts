import type request from 'supertest';
import { useAdminKeyApp } from '../helpers/admin-key-app.js';

const KEY = 'e2e-hostile-bodies-key-0123456789';

interface Envelope {
  error: string;
  message: string;
  details: unknown;
  request_id: string;
}

/** The routes whose JSON bodies go through class-transformer / class-validator, or the predict check. */
const JSON_ROUTES = [
  '/predict',
  '/replenishment',
  '/predict/batch',
  '/admin/retrain',
  '/admin/backtest',
  '/admin/refresh-forecasts',
  '/models/rollback',
] as const;

/**
 * Bodies that used to end in a 500, a stack overflow, seconds of CPU or a job nobody asked for:
 * `null` where a value is expected, deep nesting, huge arrays, `null` and multipart bodies on JSON
 * routes, an unknown model. Each is a 4xx in the error envelope, and nothing is queued.
 */
describe('hostile request bodies (e2e)', () => {
  const { http, admin } = useAdminKeyApp('hostile', KEY);

  const jobCount = async (): Promise<number> =>
    ((await admin(http().get('/admin/jobs')).expect(200)).body as { jobs: unknown[] }).jobs.length;

  const expectEnvelope = (res: request.Response, status: number, error: string): Envelope => {
    expect({ status: res.status, error: (res.body as Envelope).error }).toEqual({ status, error });
    const body = res.body as Envelope;
    expect(typeof body.message).toBe('string');
    expect(body.request_id).toBe(res.headers['x-request-id']);
    return body;
  };

  it.each(['/predict', '/replenishment', '/predict/batch'])(
    'answers "date": null on %s with a 400 naming date',
    async (route) => {
      const body = route === '/predict' ? { item_code: 'x', date: null } : { date: null };
      const res = await http().post(route).send(body);
      const envelope = expectEnvelope(res, 400, 'validation_failed');
      expect(envelope.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'date' })]),
      );
    },
  );

  it('refuses null for any optional field of a DTO body', async () => {
    const before = await jobCount();
    for (const body of [{ horizon: null }, { item_codes: null }, { model: null }, { all: null }]) {
      const res = await http().post('/predict/batch').send(body);
      expectEnvelope(res, 400, 'validation_failed');
    }
    expect(await jobCount()).toBe(before);
  });

  it.each(JSON_ROUTES)(
    'answers 10,000 levels of nesting on %s with 400 json_too_deep',
    async (route) => {
      const arrays = `{"item_codes":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      for (const text of [arrays, objects]) {
        const res = await admin(http().post(route))
          .set('content-type', 'application/json')
          .send(text);
        const envelope = expectEnvelope(res, 400, 'json_too_deep');
        expect(envelope.details).toEqual({ max_depth: 32 });
      }
    },
  );

  it('does not count brackets inside strings as nesting', async () => {
    const res = await http()
      .post('/predict/batch')
      .send({ item_codes: ['['.repeat(40)] });
    expect(res.status).toBe(202);
  });

  it('refuses a 240,000-element array before transforming it', async () => {
    const before = await jobCount();
    const huge = `[${Array<string>(240_000).fill('{}').join(',')}]`;
    for (const field of ['item_codes', 'kinds', 'unknown_field']) {
      const res = await admin(http().post(field === 'kinds' ? '/admin/retrain' : '/predict/batch'))
        .set('content-type', 'application/json')
        .send(`{"${field}":${huge}}`);
      const envelope = expectEnvelope(res, 400, 'validation_failed');
      expect(envelope.details).toEqual([
        { field, message: expect.stringMatching(/no more than|too large/) as unknown },
      ]);
    }
    const res = await http()
      .post('/replenishment')
      .set('content-type', 'application/json')
      .send(`{"item_codes":${huge}}`);
    expectEnvelope(res, 400, 'validation_failed');
    expect(await jobCount()).toBe(before);
  });

  it.each(['/predict/batch', '/admin/retrain'])(
    'answers a null, array or scalar JSON body on %s with a 400 and queues nothing',
    async (route) => {
      const before = await jobCount();
      for (const text of ['null', '[]', '7', '"all"']) {
        const res = await admin(http().post(route))
          .set('content-type', 'application/json')
          .send(text);
        expectEnvelope(res, 400, 'validation_failed');
      }
      expect(await jobCount()).toBe(before);
    },
  );

  it.each(['/predict/batch', '/admin/retrain', '/predict'])(
    'answers a multipart body on %s with a 415 and queues nothing',
    async (route) => {
      const before = await jobCount();
      const res = await admin(http().post(route))
        .field('horizon', '7')
        .attach('file', Buffer.from('a,b\n1,2\n'), 'x.csv');
      const envelope = expectEnvelope(res, 415, 'unsupported_media_type');
      expect(envelope.details).toEqual({ accepted: ['application/json'] });
      expect(await jobCount()).toBe(before);
    },
  );

  it('still takes a request without a body as no body (every item, default retrain)', async () => {
    await http().post('/predict/batch').expect(202);
    await admin(http().post('/admin/refresh-forecasts')).expect(202);
  });

  it('refuses an unknown batch model at submission with a 400 naming model', async () => {
    const before = await jobCount();
    const res = await http().post('/predict/batch').send({ model: 'no-such-model' });
    const envelope = expectEnvelope(res, 400, 'validation_failed');
    expect(envelope.details).toEqual([
      { field: 'model', message: expect.stringContaining('no-such-model') as unknown },
    ]);
    expect(await jobCount()).toBe(before);
  });
});
