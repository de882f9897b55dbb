import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  MAX_DATUMS_PER_CALL,
  PutMetricDataSender,
} from '../../../src/monitoring/cloudwatch/put-metric-data.sender.js';
import type { CloudWatchDatum } from '../../../src/monitoring/cloudwatch/datum.types.js';
import { startCloudWatchWire, type CloudWatchWire } from '../../helpers/cloudwatch-wire.js';

function client(url: string): CloudWatchClient {
  return new CloudWatchClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

function datums(n: number, from = 0): CloudWatchDatum[] {
  return Array.from({ length: n }, (_, i) => ({
    name: i % 2 === 0 ? 'RequestCount' : 'RequestLatency',
    unit: i % 2 === 0 ? 'Count' : 'Milliseconds',
    dimensions: [
      ['Service', 'freshcast'],
      ['Route', `/r${from + i}`],
    ],
    timestamp: new Date(1_700_000_000_000),
    ...(i % 2 === 0
      ? { value: from + i }
      : { distribution: { values: [0.5, 3], counts: [4, 1], min: 0, max: 5, sum: 5, count: 5 } }),
  }));
}

describe('PutMetricData driver through the AWS SDK, on the wire', () => {
  let wire: CloudWatchWire;
  afterEach(() => wire.stop());

  it('sends at most 1,000 datums per call, value/count arrays for distributions, gzip bodies unpacked', async () => {
    wire = await startCloudWatchWire();
    const cw = client(wire.url);
    const sender = new PutMetricDataSender({
      client: cw,
      namespace: 'Freshcast',
      maxBuffered: 10_000,
      maxAttempts: 3,
      retryBaseMs: 5,
      onDropped: () => undefined,
      onError: () => undefined,
    });
    sender.enqueue(datums(2_500));
    await sender.drain();
    cw.destroy();
    expect(wire.calls.map((c) => c.body.MetricData.length)).toEqual([1000, 1000, 500]);
    expect(Math.max(...wire.calls.map((c) => c.body.MetricData.length))).toBeLessThanOrEqual(
      MAX_DATUMS_PER_CALL,
    );
    const first = wire.calls[0];
    expect(first.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.PutMetricData');
    expect(first.gzipped).toBe(true); // bodies over 10 KiB go compressed
    expect(first.body.Namespace).toBe('Freshcast');
    expect(first.body.MetricData[0]).toMatchObject({
      MetricName: 'RequestCount',
      Unit: 'Count',
      Value: 0,
      Dimensions: [
        { Name: 'Service', Value: 'freshcast' },
        { Name: 'Route', Value: '/r0' },
      ],
    });
    expect(first.body.MetricData[1]).toMatchObject({
      MetricName: 'RequestLatency',
      Values: [0.5, 3],
      Counts: [4, 1],
    });
    expect(sender.buffered).toBe(0);
  });

  it('retries a throttled call with backoff and sends the same batch', async () => {
    wire = await startCloudWatchWire();
    wire.script = ['throttle', 'throttle'];
    const cw = client(wire.url);
    const errors: string[] = [];
    const sender = new PutMetricDataSender({
      client: cw,
      namespace: 'Freshcast',
      maxBuffered: 10_000,
      maxAttempts: 4,
      retryBaseMs: 20,
      onDropped: () => undefined,
      onError: (m) => errors.push(m),
    });
    sender.enqueue(datums(10));
    const t0 = Date.now();
    await sender.drain();
    cw.destroy();
    expect(wire.calls).toHaveLength(3);
    expect(wire.calls[2].body).toEqual(wire.calls[0].body);
    // Two waits: ≥ 10 ms then ≥ 20 ms (half to full of 20 and 40 ms).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(30);
    expect(errors).toEqual([]);
    expect(sender.buffered).toBe(0);
  });

  it('keeps at most maxBuffered datums while CloudWatch is down, dropping the oldest, and sends the rest when back', async () => {
    wire = await startCloudWatchWire();
    const port = wire.port;
    await wire.stop(); // nothing listens: connection refused
    const cw = client(`http://127.0.0.1:${port}`);
    let dropped = 0;
    const sender = new PutMetricDataSender({
      client: cw,
      namespace: 'Freshcast',
      maxBuffered: 1_500,
      maxAttempts: 2,
      retryBaseMs: 5,
      onDropped: (n) => (dropped += n),
      onError: () => undefined,
    });
    for (let flush = 0; flush < 3; flush++) {
      const t0 = performance.now();
      sender.enqueue(datums(1_000, flush * 1_000));
      expect(performance.now() - t0).toBeLessThan(200); // enqueue never waits on the network
      await sender.drain();
      expect(sender.buffered).toBeLessThanOrEqual(1_500);
    }
    expect(sender.buffered).toBe(1_500);
    expect(dropped).toBe(1_500);

    wire = await startCloudWatchWire(port);
    await sender.drain();
    cw.destroy();
    const sent = wire.calls.flatMap((c) => c.body.MetricData);
    expect(sent).toHaveLength(1_500);
    // The oldest 1,500 were dropped: what arrives starts at datum 1,500.
    expect(sent[0]).toMatchObject({ Dimensions: [{ Value: 'freshcast' }, { Value: '/r1500' }] });
    expect(sender.buffered).toBe(0);
  });
});
