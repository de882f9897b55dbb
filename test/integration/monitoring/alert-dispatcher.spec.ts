import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertDispatcher } from '../../../src/monitoring/alerts/alert-dispatcher.js';
import type { AlertEvent } from '../../../src/monitoring/alerts/alert.types.js';
import { monitoringConfigSchema } from '../../../src/config/monitoring.config.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';

/** A webhook answering the queued statuses in turn (then 200), recording each request. */
async function flakyHook(statuses: number[]) {
  const received: { path: string; body: string }[] = [];
  let release: () => void = () => undefined;
  const gate = { held: false, wait: Promise.resolve() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      void gate.wait.then(() => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(statuses.shift() ?? 200).end();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    received,
    hold: () => {
      gate.wait = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
  };
}

const event: AlertEvent = {
  rule: 'coverage',
  severity: 'warning',
  subject: 'quantity/m1',
  title: 'coverage low',
  message: 'coverage 0.5',
  figures: { coverage: 0.5 },
};

describe('AlertDispatcher with real webhooks', () => {
  let dir: string;
  let store: DiskArtifactStore;
  let hook: Awaited<ReturnType<typeof flakyHook>>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshcast-alerts-'));
    store = new DiskArtifactStore(dir);
  });
  afterEach(async () => {
    await new Promise((r) => hook.server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const config = (over: Record<string, unknown>) =>
    monitoringConfigSchema.parse({ alerts: { retryDelayMs: 5, ...over } }).alerts;

  it('retries a failed delivery, never blocks the caller, and records the outcome', async () => {
    hook = await flakyHook([503, 500]);
    hook.hold();
    const dispatcher = new AlertDispatcher(store, config({ webhooks: [{ url: `${hook.url}/a` }] }));
    const { fired } = await dispatcher.dispatch([event]);
    // The dispatch returned while the webhook had not answered anything yet.
    expect(fired).toHaveLength(1);
    expect(hook.received).toHaveLength(0);
    hook.release();
    await dispatcher.drain();
    expect(hook.received.map((r) => r.path)).toEqual(['/a', '/a', '/a']);
    const [stored] = await dispatcher.history();
    expect(stored.deliveries).toEqual([
      { channel: `${hook.url}/a`, ok: true, attempts: 3, status: 200, error: null },
    ]);
  });

  it('does not retry a 4xx and reports the failure in the history', async () => {
    hook = await flakyHook([404]);
    const dispatcher = new AlertDispatcher(
      store,
      config({ webhooks: [{ url: `${hook.url}/gone` }] }),
    );
    await dispatcher.dispatch([event]);
    await dispatcher.drain();
    expect(hook.received).toHaveLength(1);
    const [stored] = await dispatcher.history();
    expect(stored.deliveries[0]).toMatchObject({
      ok: false,
      attempts: 1,
      status: 404,
      error: 'HTTP 404',
    });
  });

  it('deduplicates within the cooldown, also after a restart, and fires again after it', async () => {
    hook = await flakyHook([]);
    let now = new Date('2026-12-07T00:00:00Z');
    const clock = () => now;
    const cfg = config({ webhooks: [{ url: hook.url, format: 'slack' }], cooldownSec: 600 });
    const first = new AlertDispatcher(store, cfg, clock);
    expect((await first.dispatch([event, event])).fired).toHaveLength(1);
    await first.drain();
    now = new Date('2026-12-07T00:09:00Z');
    const restarted = new AlertDispatcher(store, cfg, clock);
    expect(await restarted.dispatch([event])).toEqual({ fired: [], suppressed: 1 });
    expect((await restarted.dispatch([{ ...event, subject: 'quantity/m2' }])).fired).toHaveLength(
      1,
    );
    now = new Date('2026-12-07T00:10:01Z');
    expect((await restarted.dispatch([event])).fired).toHaveLength(1);
    await restarted.drain();
    expect(hook.received).toHaveLength(3);
    expect((await restarted.history()).map((a) => a.subject)).toEqual([
      'quantity/m1',
      'quantity/m2',
      'quantity/m1',
    ]);
  });
});
