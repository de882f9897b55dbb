import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertDispatcher } from '../../../src/monitoring/alerts/alert-dispatcher.js';
import type { AlertEvent } from '../../../src/monitoring/alerts/alert.types.js';
import { snsSubject } from '../../../src/monitoring/alerts/sns-delivery.js';
import { monitoringConfigSchema } from '../../../src/config/monitoring.config.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:freshcast-alerts';

interface WireRequest {
  headers: Record<string, string | string[] | undefined>;
  form: URLSearchParams;
}

const published = (id: string) =>
  `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>r-${id}</RequestId></ResponseMetadata></PublishResponse>`;
const snsError = (code: string, message: string) =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>e</RequestId></ErrorResponse>`;

/** An SNS query-protocol endpoint answering the queued [status, body] pairs in turn (then success). */
async function recordingSns(answers: [number, string][]) {
  const requests: WireRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, form: new URLSearchParams(body) });
      const [status, xml] = answers.shift() ?? [200, published(`m-${requests.length}`)];
      res.writeHead(status, { 'content-type': 'text/xml' }).end(xml);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://127.0.0.1:${port}`, requests };
}

const event: AlertEvent = {
  rule: 'drift',
  severity: 'critical',
  subject: 'quantity/m1',
  title: 'Drift on quantity: 4 of 9 features past PSI 0.25 — prices moved',
  message: 'price PSI 0.41',
  figures: { drifted_share: 0.44 },
};

describe('AlertDispatcher publishing to SNS through the AWS SDK', () => {
  let dir: string;
  let store: DiskArtifactStore;
  let sns: Awaited<ReturnType<typeof recordingSns>>;
  const saved = { ...process.env };

  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'test-key';
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  });
  afterAll(() => {
    process.env.AWS_ACCESS_KEY_ID = saved.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = saved.AWS_SECRET_ACCESS_KEY;
    if (saved.AWS_ACCESS_KEY_ID === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.AWS_SECRET_ACCESS_KEY === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshcast-sns-'));
    store = new DiskArtifactStore(dir);
  });
  afterEach(async () => {
    await new Promise((r) => sns.server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const dispatcherFor = (endpoint: string, extra: Record<string, unknown> = {}) =>
    new AlertDispatcher(
      store,
      monitoringConfigSchema.parse({
        alerts: { retryDelayMs: 5, sns: { topicArn: TOPIC, endpoint }, ...extra },
      }).alerts,
    );

  it('publishes the alert as a signed Publish call with severity and rule attributes', async () => {
    sns = await recordingSns([]);
    const dispatcher = dispatcherFor(sns.endpoint);
    const { fired } = await dispatcher.dispatch([event]);
    await dispatcher.close();

    expect(sns.requests).toHaveLength(1);
    const [req] = sns.requests;
    expect(req.headers.authorization).toContain('/eu-west-1/sns/aws4_request');
    expect(req.form.get('Action')).toBe('Publish');
    expect(req.form.get('TopicArn')).toBe(TOPIC);
    expect(req.form.get('Subject')).toBe(snsSubject(fired[0]));
    const attrs = new Map<string, string | null>();
    for (const i of [1, 2])
      attrs.set(
        req.form.get(`MessageAttributes.entry.${i}.Name`) ?? '',
        req.form.get(`MessageAttributes.entry.${i}.Value.StringValue`),
      );
    expect(Object.fromEntries(attrs)).toEqual({ severity: 'critical', rule: 'drift' });
    const message = JSON.parse(req.form.get('Message') ?? '{}') as Record<string, unknown>;
    expect(message).toMatchObject({
      type: 'freshcast.alert',
      id: fired[0].id,
      rule: 'drift',
      figures: { drifted_share: 0.44 },
    });
    expect(message).not.toHaveProperty('deliveries');

    const [stored] = await dispatcher.history();
    expect(stored.deliveries).toEqual([
      { channel: `sns:${TOPIC}`, ok: true, attempts: 1, status: 200, error: null },
    ]);
  });

  it('retries a throttled publish and records the attempts', async () => {
    sns = await recordingSns([[400, snsError('Throttling', 'Rate exceeded')]]);
    const dispatcher = dispatcherFor(sns.endpoint);
    await dispatcher.dispatch([event]);
    await dispatcher.close();
    expect(sns.requests).toHaveLength(2);
    const [stored] = await dispatcher.history();
    expect(stored.deliveries[0]).toMatchObject({ ok: true, attempts: 2, status: 200 });
  });

  it('reports a refused publish in the history without retrying it, next to the webhooks', async () => {
    sns = await recordingSns([[403, snsError('AuthorizationError', 'not allowed to publish')]]);
    const dispatcher = dispatcherFor(sns.endpoint, { webhooks: [{ url: 'http://127.0.0.1:1/x' }] });
    const started = Date.now();
    const { fired } = await dispatcher.dispatch([event]);
    expect(fired).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
    await dispatcher.close();
    expect(sns.requests).toHaveLength(1);
    const [stored] = await dispatcher.history();
    const bySns = stored.deliveries.find((d) => d.channel.startsWith('sns:'));
    expect(bySns).toMatchObject({ ok: false, attempts: 1, status: 403 });
    expect(bySns?.error).toContain('not allowed to publish');
    expect(stored.deliveries.find((d) => d.channel.startsWith('http'))).toMatchObject({
      ok: false,
    });
  });

  it('keeps subjects within the 100 ASCII characters SNS accepts', () => {
    const subject = snsSubject({
      ...event,
      title: `Ümlaut ${'x'.repeat(200)}`,
      id: 'a',
      fired_at: '2026-12-07T00:00:00Z',
      deliveries: [],
    });
    expect(subject).toHaveLength(100);
    expect(subject).toMatch(/^\[CRITICAL\] \?mlaut x+\.\.\.$/);
  });

  it('refuses a malformed topic ARN in config', () => {
    expect(() =>
      monitoringConfigSchema.parse({ alerts: { sns: { topicArn: 'my-topic' } } }),
    ).toThrow(/SNS topic ARN/);
  });
});
