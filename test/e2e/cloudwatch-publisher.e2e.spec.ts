import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CloudWatchPublisher } from '../../src/monitoring/cloudwatch/cloudwatch-publisher.service.js';
import { startCloudWatchWire, type CloudWatchWire } from '../helpers/cloudwatch-wire.js';
import { startApp } from '../helpers/test-app.factory.js';

describe('CloudWatch publishing from the app (api mode, e2e)', () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  let wire: CloudWatchWire;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    wire = await startCloudWatchWire();
    app = await startApp({
      metrics: {
        cloudwatch: {
          mode: 'api',
          endpoint: wire.url,
          region: 'eu-west-1',
          service: 'fc-test',
          flushIntervalSec: 3600,
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await wire.stop();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('publishes one aggregated interval: request count and latency per route, queue backlog, runtime', async () => {
    const publisher = app.get(CloudWatchPublisher);
    await publisher.flush(); // start of the interval
    wire.calls.length = 0;
    for (let i = 0; i < 5; i++) await request(app.getHttpServer()).get('/health/live').expect(200);
    await publisher.flush();
    const data = wire.calls.flatMap((c) => c.body.MetricData);
    expect(wire.calls.every((c) => c.body.Namespace === 'Freshcast')).toBe(true);
    const dims = (d: Record<string, unknown>) =>
      Object.fromEntries(
        (d.Dimensions as { Name: string; Value: string }[]).map((x) => [x.Name, x.Value]),
      );
    const count = data.find(
      (d) => d.MetricName === 'RequestCount' && dims(d).Route === '/health/live',
    );
    expect(count).toMatchObject({ Value: 5, Unit: 'Count' });
    expect(dims(count ?? {})).toEqual({
      Service: 'fc-test',
      Role: expect.any(String),
      Route: '/health/live',
      StatusClass: '2xx',
    });
    const latency = data.find(
      (d) => d.MetricName === 'RequestLatency' && dims(d).Route === '/health/live',
    );
    expect((latency?.Counts as number[]).reduce((a, b) => a + b, 0)).toBe(5);
    const backlog = data.find((d) => d.MetricName === 'QueueBacklog');
    expect(backlog).toMatchObject({ Value: 0, Unit: 'Count' });
    expect(backlog?.Dimensions).toEqual([{ Name: 'Service', Value: 'fc-test' }]);
    for (const name of ['EventLoopLagP99', 'HeapUsed', 'Rss', 'TfTensors'])
      expect(data.map((d) => d.MetricName)).toContain(name);
  });
});
