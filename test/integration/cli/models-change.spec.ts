import { Redis } from 'ioredis';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { modelCommands } from '../../../src/cli/commands/models.commands.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { promotionChannel } from '../../../src/registry/redis-promotion-notifier.js';
import { redisLockKey } from '../../../src/registry/redis-registry-lock.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import {
  manifestInput,
  type MetricsOverrides,
} from '../../integration/registry/registry-fixtures.js';
import { TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

describe('freshcast models promote / rollback / delete', () => {
  let root: string;
  let registry: ModelRegistryService;
  let env: NodeJS.ProcessEnv;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, modelCommands({ env }), io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const register = async (kind: string, m: MetricsOverrides = {}) =>
    (
      await registry.register({
        actor: 'trainer',
        manifest: manifestInput(kind, m),
        writeArtifacts: async (sink) => sink.put('weights.bin', new Uint8Array([7])),
      })
    ).id;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-cli-models-'));
    env = { NODE_ENV: 'test', FRESHCAST_STORAGE__DISK__ROOT: root, USER: 'tester' };
    registry = new ModelRegistryService({ store: new DiskArtifactStore(root) });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('promotes to staging and prod, refuses a failing gate (exit 1), forces with a reason', async () => {
    const first = await register('mlp', { wape: 0.3 });
    const bad = await register('gru', { wape: 0.2, coverage: 0.5 });

    const staged = await run('models', 'promote', first, '--stage', 'staging');
    expect(staged).toEqual({ code: 0, stdout: `${first} is now in staging\n`, stderr: '' });

    const prod = await run('models', 'promote', first, '--stage', 'prod');
    expect(prod.code).toBe(0);
    expect(prod.stdout).toContain(`${first} is now in prod\n`);
    expect(prod.stdout).toMatch(/^min_improvement\s+pass\s+no prod model to beat$/m);
    const again = await run('models', 'promote', first, '--stage', 'prod');
    expect(again.stdout).toBe(`${first} already is in prod; nothing changed\n`);

    const refused = await run('models', 'promote', bad, '--stage', 'prod');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^freshcast models promote: .* did not pass the promotion gates: coverage_band \(/,
    );
    expect((await registry.status('quantity')).prod).toBe(first);

    const noReason = await run('models', 'promote', bad, '--stage', 'prod', '--force');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--force needs --reason TEXT');
    const stagingForce = await run('models', 'promote', bad, '--stage', 'staging', '--force');
    expect(stagingForce.code).toBe(2);

    const forced = await run(
      'models',
      'promote',
      bad,
      '--stage',
      'prod',
      '--force',
      '--reason',
      'coverage fix follows',
      '--json',
    );
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({
      version: { id: bad, stage: 'prod', created_at: expect.any(String) },
      previous_id: first,
      forced: true,
      changed: true,
    });
    const last = (await registry.history('quantity', { limit: 1 })).entries[0];
    expect(last).toMatchObject({
      action: 'promote',
      id: bad,
      actor: 'cli:tester',
      reason: 'coverage fix follows',
      forced: true,
    });
  });

  it('needs --stage and exactly one id', async () => {
    const id = await register('mlp');
    for (const argv of [
      ['models', 'promote', id],
      ['models', 'promote', id, '--stage', 'archived'],
      ['models', 'promote', '--stage', 'prod'],
      ['models', 'promote', id, id, '--stage', 'prod'],
      ['models', 'rollback'],
      ['models', 'delete'],
    ]) {
      const res = await run(...argv);
      expect({ argv, code: res.code }).toEqual({ argv, code: 2 });
    }
    expect((await registry.get(id)).stage).toBe('dev');
  });

  it('rolls back to the previous prod model; exit 1 when there is none', async () => {
    const none = await run('models', 'rollback', '--target', 'quantity');
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('freshcast models rollback: quantity has no previous prod model\n');

    const a = await register('mlp', { wape: 0.3 });
    const b = await register('gru', { wape: 0.2 });
    await registry.promote(a, { actor: 'test' });
    await registry.promote(b, { actor: 'test' });
    const res = await run('models', 'rollback', '--target', 'quantity', '--reason', 'drift');
    expect(res).toEqual({
      code: 0,
      stdout: `quantity: prod is now ${a} (rolled back from ${b}, now archived)\n`,
      stderr: '',
    });
    expect(await registry.status('quantity')).toMatchObject({ prod: a });
    expect((await registry.get(b)).stage).toBe('archived');
    const last = (await registry.history('quantity', { limit: 1 })).entries[0];
    expect(last).toMatchObject({ action: 'rollback', actor: 'cli:tester', reason: 'drift' });
  });

  it('deletes a dev model, refuses the prod model (exit 1)', async () => {
    const prod = await register('mlp');
    const dev = await register('gru');
    await registry.promote(prod, { actor: 'test' });

    const refused = await run('models', 'delete', prod);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is the prod model of quantity; it cannot be deleted');

    const deleted = await run('models', 'delete', dev, '--json');
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id: dev, deleted: true });
    expect(await readdir(join(root, 'registry', 'quantity', 'versions'))).toEqual([prod]);
    const gone = await run('models', 'show', dev);
    expect(gone.code).toBe(1);
  });

  it('reports an unreachable Redis as a failure (exit 1) and changes nothing', async () => {
    const id = await register('mlp');
    env = { ...env, REDIS_URL: 'redis://127.0.0.1:1' };
    const res = await run('models', 'promote', id, '--stage', 'prod');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^freshcast models promote: cannot reach Redis \(queue\.redisUrl/);
    expect((await registry.get(id)).stage).toBe('dev');
  });

  describe('with Redis (queue.redisUrl)', () => {
    let ns: string;
    let redis: Redis;

    beforeEach(() => {
      ns = uniquePrefix('cli-models');
      env = {
        ...env,
        REDIS_URL: TEST_REDIS_URL,
        FRESHCAST_REGISTRY__NAMESPACE: ns,
        FRESHCAST_REGISTRY__LOCK_WAIT_MS: '300',
      };
      redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    });
    afterEach(async () => {
      await redis.del(redisLockKey(ns, 'quantity'));
      redis.disconnect();
    });

    it('announces a promotion on the registry channel', async () => {
      const id = await register('mlp');
      const subscriber = redis.duplicate();
      const messages: string[] = [];
      subscriber.on('message', (_channel: string, message: string) => messages.push(message));
      await subscriber.subscribe(promotionChannel(ns));
      try {
        const res = await run('models', 'promote', id, '--stage', 'prod');
        expect(res.code).toBe(0);
        for (let i = 0; i < 100 && messages.length === 0; i++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect(messages.map((m) => JSON.parse(m) as unknown)).toEqual([
          expect.objectContaining({ target: 'quantity', id, stage: 'prod', action: 'promote' }),
        ]);
      } finally {
        subscriber.disconnect();
      }
    });

    it('waits for the shared lock and gives up with exit 1 while another process holds it', async () => {
      const id = await register('mlp');
      await redis.set(redisLockKey(ns, 'quantity'), 'another-process', 'PX', 30000);
      const res = await run('models', 'promote', id, '--stage', 'prod');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('busy with another change');
      expect((await registry.get(id)).stage).toBe('dev');
    });
  });
});
