import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { METRIC_NAMES } from '../../src/monitoring/metric-names.js';
import { startApp } from '../helpers/test-app.factory.js';

/** The value of one `freshcast_http_requests_total` series in a /metrics scrape (0 when absent). */
function requestCount(text: string, method: string, route: string, status: number): number {
  const series = `${METRIC_NAMES.httpRequests}{method="${method}",route="${route}",status="${status}"}`;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('serving HTTP: request metrics for every answer, configured limits', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ server: { bodyLimit: '2kb' }, serving: { maxItems: 2 } });
  });
  afterAll(() => app.close());

  it('counts requests rejected before the handler ran: under their route (malformed JSON, 413, 415) or unmatched', async () => {
    const http = request(app.getHttpServer());
    const before = (await http.get('/metrics').expect(200)).text;
    await http
      .post('/predict')
      .set('content-type', 'application/json')
      .send('{"item_code": ')
      .expect(400);
    await http.get('/no/such/route').expect(404);
    await http.get('/no/such/route').expect(404);
    await http
      .post('/predict')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ item_code: 'x'.repeat(4096) }))
      .expect(413);
    await http
      .post('/predict')
      .set('content-type', 'application/json')
      .set('content-encoding', 'x-bogus')
      .send('{}')
      .expect(415);
    const after = (await http.get('/metrics').expect(200)).text;
    const delta = (method: string, route: string, status: number): number =>
      requestCount(after, method, route, status) - requestCount(before, method, route, status);
    expect(delta('POST', '/predict', 400)).toBe(1);
    expect(delta('GET', 'unmatched', 404)).toBe(2);
    expect(delta('POST', '/predict', 413)).toBe(1);
    expect(delta('POST', '/predict', 415)).toBe(1);
    expect(delta('POST', 'unmatched', 400) + delta('POST', 'unmatched', 413)).toBe(0);
    // Latency is observed for them too, under the same labels.
    expect(after).toMatch(
      new RegExp(`${METRIC_NAMES.httpDuration}_count\\{method="GET",route="unmatched"\\} \\d+`),
    );
    // Never the raw URL as a label.
    expect(after).not.toContain('/no/such/route');
  });

  it('labels a request that reached a handler with its route pattern, errors included', async () => {
    const http = request(app.getHttpServer());
    // No model is loaded in this app: the handler answers 503.
    await http.post('/predict').send({ item_code: 'a' }).expect(503);
    await http.get('/forecasts/some-item').expect(503);
    const text = (await http.get('/metrics').expect(200)).text;
    expect(requestCount(text, 'POST', '/predict', 503)).toBeGreaterThanOrEqual(1);
    expect(requestCount(text, 'GET', '/forecasts/:item_code', 503)).toBeGreaterThanOrEqual(1);
  });

  it('validates POST /predict against serving.maxItems from the config', async () => {
    const http = request(app.getHttpServer());
    const res = await http
      .post('/predict')
      .send({ item_codes: ['a', 'b', 'c'] })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      details: [
        { field: 'item_codes', message: 'item_codes must contain no more than 2 elements' },
      ],
    });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
    // Within the limit, validation passes and the handler answers (no model: 503).
    await http
      .post('/predict')
      .send({ item_codes: ['a', 'b'] })
      .expect(503);
  });

  it('checks POST /replenishment item_codes against serving.maxItems too', async () => {
    const res = await request(app.getHttpServer())
      .post('/replenishment')
      .send({ item_codes: ['a', 'b', 'c'] })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      details: [
        { field: 'item_codes', message: 'item_codes must contain no more than 2 elements' },
      ],
    });
  });

  it('checks a POST /replenishment page size against serving.maxItems', async () => {
    const res = await request(app.getHttpServer())
      .post('/replenishment')
      .send({ limit: 3 })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      details: [{ field: 'limit', message: 'limit must not be greater than 2 (serving.maxItems)' }],
    });
  });

  it('keeps the field-level 400 envelope for bad bodies', async () => {
    const res = await request(app.getHttpServer())
      .post('/predict')
      .send({ item_code: 'a', horizon: 0, extra: 1 })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      message: 'Request validation failed: extra: property extra should not exist (and 1 more)',
      details: [
        { field: 'extra', message: 'property extra should not exist' },
        { field: 'horizon', message: 'horizon must not be less than 1' },
      ],
    });
  });
});

describe('serving HTTP: rate-limited requests are counted', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ rateLimit: { enabled: true, ttlSec: 60, limit: 1 } });
  });
  afterAll(() => app.close());

  it('counts a 429 under its route', async () => {
    const http = request(app.getHttpServer());
    await http.get('/status').expect(200);
    await http.get('/status').expect(429);
    const text = (await http.get('/metrics').expect(200)).text;
    expect(requestCount(text, 'GET', '/status', 429)).toBe(1);
  });
});
