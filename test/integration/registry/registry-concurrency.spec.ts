import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { RedisRegistryLock, redisLockKey } from '../../../src/registry/redis-registry-lock.js';
import type { RegistryLock } from '../../../src/registry/registry-lock.js';
import type { HistoryEntry } from '../../../src/registry/registry-history.schema.js';
import { diskHarness, manifestInput, type StoreHarness } from './registry-fixtures.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';

const REDIS_URL = TEST_REDIS_URL;
const who = { actor: 'ci' };
/** Equal metrics and no margin: every candidate passes the gates against any other. */
const gates = {
  minImprovement: 0,
  coverageBand: [0.7, 0.9] as [number, number],
  mustBeatSeasonalNaive: true,
};

/**
 * One consistent prod after racing promotions: every promotion applied exactly once, in a single
 * order that the history, the prod pointer and the rollback stack all agree on.
 */
async function expectConsistent(registry: ModelRegistryService, ids: string[]): Promise<void> {
  const status = await registry.status('quantity');
  const promotions = (await registry.history('quantity')).entries
    .filter((e) => e.action === 'promote')
    .sort((a: HistoryEntry, b: HistoryEntry) => a.stateVersion - b.stateVersion);
  expect(status.version).toBe(ids.length);
  expect(promotions.map((e) => e.stateVersion)).toEqual(ids.map((_, i) => i + 1));
  expect(promotions.map((e) => e.id).sort()).toEqual([...ids].sort());
  promotions.forEach((e, i) => expect(e.previousId).toBe(i === 0 ? null : promotions[i - 1].id));
  expect(status.prod).toBe(promotions.at(-1)?.id);
  expect(status.previousProd).toEqual(promotions.slice(0, -1).map((e) => e.id));
  expect((await registry.list({ stage: 'prod' })).versions.map((v) => v.id)).toEqual([status.prod]);
}

async function registerMany(registry: ModelRegistryService, kinds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of kinds)
    ids.push(
      (
        await registry.register({
          ...who,
          manifest: manifestInput(kind),
          writeArtifacts: () => Promise.resolve(),
        })
      ).id,
    );
  return ids;
}

describe('concurrent promotions of one target', () => {
  let harness: StoreHarness;
  const redisClients: Redis[] = [];
  const namespace = `test-${randomUUID()}`;

  beforeAll(async () => {
    harness = await diskHarness();
  });
  afterAll(async () => {
    const probe = new Redis(REDIS_URL);
    const left = await probe.keys(`freshcast:registry:${namespace}*`);
    await probe.quit();
    for (const r of redisClients) await r.quit();
    await harness.close();
    expect(left).toEqual([]);
  });

  it('in one process (in-process lock): racing promotions serialise into one consistent prod', async () => {
    const { store } = await harness.fresh();
    const registry = new ModelRegistryService({ store, gates });
    const ids = await registerMany(registry, ['mlp', 'gru', 'lstm', 'ets', 'linear', 'croston']);
    const results = await Promise.all(ids.map((id) => registry.promote(id, who)));
    expect(results.every((r) => r.changed)).toBe(true);
    await expectConsistent(registry, ids);
  });

  it('across processes (Redis lock, separate store objects and connections): one consistent prod', async () => {
    const { store, twin } = await harness.fresh();
    const lockFor = (): RegistryLock => {
      const redis = new Redis(REDIS_URL);
      redisClients.push(redis);
      return new RedisRegistryLock(redis, { namespace, ttlMs: 10000, waitMs: 20000 });
    };
    const replicas = [store, twin(), twin()].map(
      (s) => new ModelRegistryService({ store: s, gates, lock: lockFor() }),
    );
    const ids = await registerMany(replicas[0], ['mlp', 'gru', 'lstm', 'ets', 'linear', 'tsb']);
    await Promise.all(ids.map((id, i) => replicas[i % replicas.length].promote(id, who)));
    await expectConsistent(replicas[1], ids);
  });

  it('a Redis lock held elsewhere makes a promotion wait, then answer CONFLICT after waitMs', async () => {
    const { store } = await harness.fresh();
    const redis = new Redis(REDIS_URL);
    redisClients.push(redis);
    const registry = new ModelRegistryService({
      store,
      gates,
      lock: new RedisRegistryLock(redis, { namespace, ttlMs: 10000, waitMs: 150 }),
    });
    const [id] = await registerMany(registry, ['mlp']);
    const key = redisLockKey(namespace, 'quantity');
    await redis.set(key, 'someone-else', 'PX', 5000);
    await expect(registry.promote(id, who)).rejects.toMatchObject({
      registryCode: 'CONFLICT',
      status: 409,
    });
    expect((await registry.status('quantity')).prod).toBeNull();
    expect(await redis.get(key)).toBe('someone-else');
    await redis.del(key);
    expect((await registry.promote(id, who)).changed).toBe(true);
  });

  it('a holder whose lock expired fails before writing the state', async () => {
    const { store } = await harness.fresh();
    const redis = new Redis(REDIS_URL);
    redisClients.push(redis);
    const lock = new RedisRegistryLock(redis, { namespace, ttlMs: 1000, waitMs: 0 });
    let wrote = false;
    await expect(
      lock.withLock('price', async (guard) => {
        await redis.del(redisLockKey(namespace, 'price')); // as if the TTL ran out
        await guard.assertHeld();
        wrote = true;
      }),
    ).rejects.toMatchObject({ registryCode: 'CONFLICT' });
    expect(wrote).toBe(false);
    const registry = new ModelRegistryService({ store, gates, lock });
    expect((await registry.status('price')).version).toBe(0);
  });
});
