import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { PollingPromotionNotifier } from '../../../src/registry/polling-promotion-notifier.js';
import type { PromotionNotice } from '../../../src/registry/promotion-notifier.js';
import {
  promotionChannel,
  RedisPromotionNotifier,
} from '../../../src/registry/redis-promotion-notifier.js';
import { RegistryRepository } from '../../../src/registry/registry.repository.js';
import { diskHarness, manifestInput, type StoreHarness } from './registry-fixtures.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { startPrivateRedis, TEST_REDIS_URL } from '../../helpers/redis.js';

const REDIS_URL = TEST_REDIS_URL;
const who = { actor: 'ci' };

/** Resolves with the first notice matching `pred` (the test's timeout bounds the wait). */
function nextNotice(
  subscribe: (l: (n: PromotionNotice) => void) => () => void,
  pred: (n: PromotionNotice) => boolean,
): Promise<PromotionNotice> {
  return new Promise((resolve) => {
    const off = subscribe((n) => {
      if (!pred(n)) return;
      off();
      resolve(n);
    });
  });
}

/**
 * Another Node process that subscribes to the channel with plain ioredis, prints 'ready' once
 * subscribed, then prints the first message and exits.
 */
function childSubscriber(channel: string): { ready: Promise<void>; message: Promise<string> } {
  const ioredisPath = createRequire(__filename).resolve('ioredis');
  const script = `
    const { Redis } = require(${JSON.stringify(ioredisPath)});
    const sub = new Redis(${JSON.stringify(REDIS_URL)});
    sub.on('message', (_c, m) => { process.stdout.write('message ' + m + '\\n'); sub.quit().then(() => process.exit(0)); });
    sub.subscribe(${JSON.stringify(channel)}).then(() => process.stdout.write('ready\\n'));
    setTimeout(() => process.exit(3), 20000).unref();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const message = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) markReady();
      const m = /message (.*)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`child exited ${String(code)}`)),
    );
  });
  return { ready, message };
}

describe('promotion notices between replicas', () => {
  let harness: StoreHarness;
  const clients: Redis[] = [];
  const notifiers: { close(): Promise<void> }[] = [];
  const redis = (): Redis => {
    const r = new Redis(REDIS_URL);
    clients.push(r);
    return r;
  };

  beforeAll(async () => {
    harness = await diskHarness();
  });
  afterAll(async () => {
    for (const n of notifiers) await n.close();
    for (const c of clients) await c.quit();
    await harness.close();
  });

  it('over Redis pub/sub: a promotion in one replica reaches the others (and another OS process)', async () => {
    const namespace = `test-${randomUUID()}`;
    const { store, twin } = await harness.fresh();
    const writerNotifier = new RedisPromotionNotifier(redis(), namespace);
    const readerNotifier = new RedisPromotionNotifier(redis(), namespace);
    const strangerNotifier = new RedisPromotionNotifier(redis(), `test-${randomUUID()}`);
    notifiers.push(writerNotifier, readerNotifier, strangerNotifier);
    for (const n of [writerNotifier, readerNotifier, strangerNotifier]) await n.start();
    const writer = new ModelRegistryService({ store, notifier: writerNotifier });
    const reader = new ModelRegistryService({ store: twin(), notifier: readerNotifier });
    const strangerSaw: PromotionNotice[] = [];
    strangerNotifier.subscribe((n) => strangerSaw.push(n));

    const child = childSubscriber(promotionChannel(namespace));
    await child.ready;
    const v = await writer.register({
      ...who,
      manifest: manifestInput(),
      writeArtifacts: () => Promise.resolve(),
    });
    const seen = nextNotice(
      (l) => reader.onChange(l),
      (n) => n.stage === 'prod',
    );
    await writer.promote(v.id, who);

    const notice = await seen;
    expect(notice).toMatchObject({
      target: 'quantity',
      id: v.id,
      stage: 'prod',
      alias: null,
      action: 'promote',
    });
    expect((await reader.resolve('quantity', 'prod')).id).toBe(v.id);
    expect(JSON.parse(await child.message)).toMatchObject({
      target: 'quantity',
      id: v.id,
      stage: 'prod',
    });

    const aliasSeen = nextNotice(
      (l) => reader.onChange(l),
      (n) => n.alias === 'champion',
    );
    await writer.setAlias('champion', v.id, who);
    expect(await aliasSeen).toMatchObject({
      id: v.id,
      alias: 'champion',
      stage: null,
      action: 'alias',
    });
    expect(strangerSaw).toEqual([]);
  });

  it('drops malformed messages on the channel and keeps delivering', async () => {
    const namespace = `test-${randomUUID()}`;
    const notifier = new RedisPromotionNotifier(redis(), namespace);
    notifiers.push(notifier);
    await notifier.start();
    const got: PromotionNotice[] = [];
    notifier.subscribe((n) => got.push(n));
    const good: PromotionNotice = {
      target: 'price',
      id: null,
      stage: null,
      alias: 'challenger',
      action: 'alias',
      stateVersion: 3,
      at: new Date().toISOString(),
    };
    const next = nextNotice(
      (l) => notifier.subscribe(l),
      () => true,
    );
    const pub = redis();
    await pub.publish(promotionChannel(namespace), '{"target":"../etc"}');
    await pub.publish(promotionChannel(namespace), 'not json');
    await pub.publish(promotionChannel(namespace), JSON.stringify(good));
    expect(await next).toEqual(good);
    expect(got).toEqual([good]);
  });

  it('subscribes again after Redis restarts, and a close right after leaves no rejection behind', async () => {
    const own = await startPrivateRedis();
    const publisher = new Redis(own.url);
    publisher.on('error', () => undefined);
    const notifier = new RedisPromotionNotifier(publisher, `restart-${randomUUID()}`);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      await notifier.start();
      await own.stop();
      await own.start();
      const notice: PromotionNotice = {
        target: 'quantity',
        id: 'quantity-linear-x',
        stage: 'prod',
        alias: null,
        action: 'promote',
        stateVersion: 7,
        at: new Date().toISOString(),
      };
      const next = nextNotice(
        (l) => notifier.subscribe(l),
        (n) => n.stateVersion === 7,
      );
      // Publish until the subscriber has reconnected and subscribed again (nobody hears it before).
      let heard = false;
      void next.then(() => (heard = true));
      await pollUntil(
        'the notice to arrive after the restart',
        async () => {
          if (publisher.status === 'ready') await notifier.publish(notice);
          return heard;
        },
        15_000,
      );
      expect(await next).toEqual(notice);
      // Redis goes away and comes back once more, and the notifier closes at once.
      await own.stop();
      await own.start();
      await notifier.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await notifier.close();
      publisher.disconnect();
      await own.stop();
    }
  });

  it('without Redis: a poller sees prod and alias changes made by another replica, once', async () => {
    const { store, twin } = await harness.fresh();
    const writer = new ModelRegistryService({ store });
    const repository = new RegistryRepository(twin());
    const poller = new PollingPromotionNotifier((t) => repository.readState(t), {
      intervalMs: 60_000,
    });
    notifiers.push(poller);
    await poller.start();
    expect(await poller.pollOnce()).toEqual([]);

    const a = await writer.register({
      ...who,
      manifest: manifestInput('mlp'),
      writeArtifacts: () => Promise.resolve(),
    });
    const b = await writer.register({
      ...who,
      manifest: manifestInput('gru'),
      writeArtifacts: () => Promise.resolve(),
    });
    expect(await poller.pollOnce()).toEqual([]); // registrations do not change stages
    await writer.promote(a.id, who);
    await writer.setAlias('challenger', b.id, who);
    await writer.promote(b.id, { ...who, stage: 'staging' });
    const notices = await poller.pollOnce();
    expect(notices.map((n) => [n.target, n.id, n.stage, n.alias])).toEqual([
      ['quantity', a.id, 'prod', null],
      ['quantity', b.id, null, 'challenger'],
      ['quantity', b.id, 'staging', null],
    ]);
    expect(notices.every((n) => n.action === 'observed' && n.stateVersion === 3)).toBe(true);
    expect(await poller.pollOnce()).toEqual([]);
    await writer.rollback('quantity', who).catch(() => undefined); // no previous prod: nothing changes
    expect(await poller.pollOnce()).toEqual([]);
  });

  it('without Redis: the poll timer delivers a promotion to subscribers', async () => {
    const { store, twin } = await harness.fresh();
    const writer = new ModelRegistryService({ store });
    const repository = new RegistryRepository(twin());
    const poller = new PollingPromotionNotifier((t) => repository.readState(t), {
      intervalMs: 50,
      targets: ['quantity'],
    });
    notifiers.push(poller);
    await poller.start();
    const v = await writer.register({
      ...who,
      manifest: manifestInput(),
      writeArtifacts: () => Promise.resolve(),
    });
    const seen = nextNotice(
      (l) => poller.subscribe(l),
      (n) => n.stage === 'prod',
    );
    await writer.promote(v.id, who);
    expect(await seen).toMatchObject({ target: 'quantity', id: v.id, stage: 'prod' });
    await poller.close();
  });

  it('a poller told of its own process changes does not announce them twice', async () => {
    const { store } = await harness.fresh();
    const repository = new RegistryRepository(store);
    const poller = new PollingPromotionNotifier((t) => repository.readState(t), {
      intervalMs: 60_000,
    });
    notifiers.push(poller);
    await poller.start();
    const registry = new ModelRegistryService({ store, notifier: poller });
    const local: PromotionNotice[] = [];
    registry.onChange((n) => local.push(n));
    const v = await registry.register({
      ...who,
      manifest: manifestInput(),
      writeArtifacts: () => Promise.resolve(),
    });
    await registry.promote(v.id, who);
    expect(local.map((n) => [n.id, n.stage, n.action])).toEqual([[v.id, 'prod', 'promote']]);
    expect(await poller.pollOnce()).toEqual([]);
  });
});
