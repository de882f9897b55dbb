import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { manifestKey } from '../../../src/registry/registry-layout.js';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import {
  bytes,
  diskHarness,
  type MetricsOverrides,
  registerTestModel,
  type StoreHarness,
} from './registry-fixtures.js';

const who = { actor: 'ds@freshcast', reason: 'weekly retrain' };

describe('ModelRegistryService changes: stages, rollback, aliases, deletion (disk driver)', () => {
  let harness: StoreHarness;
  let store: ArtifactStore;
  let registry: ModelRegistryService;

  beforeAll(async () => {
    harness = await diskHarness();
  });
  afterAll(async () => {
    await harness.close();
  });
  beforeEach(async () => {
    ({ store } = await harness.fresh());
    registry = new ModelRegistryService({ store });
  });

  const register = (kind?: string, m?: MetricsOverrides | null, target?: 'quantity' | 'price') =>
    registerTestModel(registry, who, kind, m, target);

  describe('stages, rollback and history', () => {
    it('moves through dev → staging → prod, and back to dev from staging', async () => {
      const a = await register();
      expect((await registry.promote(a.id, { ...who, stage: 'staging' })).version.stage).toBe(
        'staging',
      );
      expect((await registry.list({ stage: 'staging' })).versions.map((v) => v.id)).toEqual([a.id]);
      expect((await registry.demote(a.id, who)).stage).toBe('dev');
      await registry.promote(a.id, { ...who, stage: 'staging' });
      expect((await registry.promote(a.id, who)).version.stage).toBe('prod');
      expect((await registry.status('quantity')).staging).toEqual([]);
      await expect(registry.demote(a.id, who)).rejects.toMatchObject({ registryCode: 'CONFLICT' });
      await expect(registry.promote(a.id, { ...who, stage: 'staging' })).rejects.toMatchObject({
        registryCode: 'CONFLICT',
      });
    });

    it('rolls back to the previous prod model in one call, step by step', async () => {
      const a = await register('mlp', { wape: 0.3 });
      const b = await register('gru', { wape: 0.25 });
      const c = await register('lstm', { wape: 0.2 });
      for (const v of [a, b, c]) await registry.promote(v.id, who);
      await expect(registry.rollback('price', who)).rejects.toMatchObject({
        registryCode: 'CONFLICT',
      });

      const r1 = await registry.rollback('quantity', { actor: 'oncall', reason: 'bad forecasts' });
      expect(r1.from).toBe(c.id);
      expect(r1.to).toMatchObject({ id: b.id, stage: 'prod' });
      expect((await registry.get(c.id)).stage).toBe('archived');
      expect((await registry.resolve('quantity', 'prod')).id).toBe(b.id);

      const r2 = await registry.rollback('quantity', { actor: 'oncall' });
      expect(r2).toMatchObject({ from: b.id, to: { id: a.id } });
      await expect(registry.rollback('quantity', { actor: 'oncall' })).rejects.toMatchObject({
        registryCode: 'CONFLICT',
      });

      const rollbacks = (await registry.history('quantity')).entries.filter(
        (e) => e.action === 'rollback',
      );
      expect(rollbacks.map((e) => [e.id, e.previousId, e.actor])).toEqual([
        [b.id, c.id, 'oncall'],
        [a.id, b.id, 'oncall'],
      ]);
      expect(rollbacks[0].reason).toBe('bad forecasts');
      expect(rollbacks[0].metrics?.wape).toBe(0.25);
      expect(rollbacks[0].previousMetrics?.wape).toBe(0.2);
    });

    it('keeps an append-only history: new entries, earlier entries unchanged', async () => {
      const a = await register();
      const keysBefore = await store.list('registry/quantity/history/');
      const firstBytes = await store.get(keysBefore[0]);
      await registry.promote(a.id, { ...who, stage: 'staging' });
      await registry.promote(a.id, who);
      await registry.setAlias('champion', a.id, who);
      const keysAfter = await store.list('registry/quantity/history/');
      expect(keysAfter).toHaveLength(4);
      expect(keysAfter).toEqual(expect.arrayContaining(keysBefore));
      expect(Buffer.from(await store.get(keysBefore[0])).equals(Buffer.from(firstBytes))).toBe(
        true,
      );
      const { entries } = await registry.history('quantity');
      expect(entries.map((e) => [e.action, e.toStage, e.alias, e.stateVersion])).toEqual([
        ['register', 'dev', null, 0],
        ['stage', 'staging', null, 1],
        ['promote', 'prod', null, 2],
        ['alias', 'prod', 'champion', 3],
      ]);
      expect(
        (await registry.history('quantity', { limit: 2 })).entries.map((e) => e.action),
      ).toEqual(['promote', 'alias']);
    });
  });

  describe('aliases, listing and deletion', () => {
    it('moves aliases as pointers and resolves them', async () => {
      const a = await register('mlp');
      const b = await register('gru');
      await registry.setAlias('champion', a.id, who);
      await registry.setAlias('challenger', b.id, who);
      expect((await registry.resolve('quantity', 'champion')).id).toBe(a.id);
      await registry.setAlias('champion', b.id, who);
      expect((await registry.get(b.id)).aliases).toEqual(['challenger', 'champion']);
      expect((await registry.get(a.id)).aliases).toEqual([]);
      expect((await registry.list({ alias: 'champion' })).versions.map((v) => v.id)).toEqual([
        b.id,
      ]);
      expect(await registry.removeAlias('quantity', 'challenger', who)).toBe(true);
      expect(await registry.removeAlias('quantity', 'challenger', who)).toBe(false);
      await expect(registry.resolve('quantity', 'challenger')).rejects.toMatchObject({
        registryCode: 'NOT_FOUND',
      });
      await expect(registry.setAlias('Champion!', a.id, who)).rejects.toMatchObject({
        registryCode: 'INVALID_ARGUMENT',
      });
    });

    it('lists with filters by target, kind and stage', async () => {
      const a = await register('mlp');
      const b = await register('gru');
      const p = await register('mlp', {}, 'price');
      await registry.promote(b.id, who);
      const all = await registry.list();
      expect(all.errors).toEqual([]);
      expect(all.versions.map((v) => v.id).sort()).toEqual([a.id, b.id, p.id].sort());
      expect((await registry.list({ target: 'price' })).versions.map((v) => v.id)).toEqual([p.id]);
      expect((await registry.list({ kind: 'mlp' })).versions.map((v) => v.id).sort()).toEqual(
        [a.id, p.id].sort(),
      );
      expect((await registry.list({ stage: 'prod' })).versions.map((v) => v.id)).toEqual([b.id]);
      expect(
        (await registry.list({ target: 'quantity', stage: 'dev' })).versions.map((v) => v.id),
      ).toEqual([a.id]);
    });

    it('refuses to delete the prod model or an aliased one, deletes others with their artifacts', async () => {
      const prod = await register('mlp');
      const aliased = await register('gru');
      const spare = await register('lstm');
      await registry.promote(prod.id, who);
      await registry.setAlias('challenger', aliased.id, who);
      await registry.promote(spare.id, { ...who, stage: 'staging' });

      await expect(registry.delete(prod.id, who)).rejects.toMatchObject({
        registryCode: 'FORBIDDEN_DELETE',
        status: 409,
      });
      await expect(registry.delete(aliased.id, who)).rejects.toMatchObject({
        registryCode: 'FORBIDDEN_DELETE',
        details: { aliases: ['challenger'] },
      });
      expect(await store.exists(manifestKey('quantity', prod.id))).toBe(true);

      await registry.delete(spare.id, { actor: 'ds', reason: 'superseded' });
      await expect(registry.get(spare.id)).rejects.toMatchObject({
        registryCode: 'NOT_FOUND',
        status: 404,
      });
      expect(await store.list(`registry/quantity/versions/${spare.id}/`)).toEqual([]);
      expect((await registry.status('quantity')).staging).toEqual([]);
      expect(
        (await registry.history('quantity', { id: spare.id })).entries.map((e) => e.action),
      ).toEqual(['register', 'stage', 'delete']);
      await expect(registry.delete(spare.id, who)).rejects.toMatchObject({
        registryCode: 'NOT_FOUND',
      });
    });
  });

  describe('safety', () => {
    const badIds = [
      '../../etc/passwd',
      'quantity-mlp-20261129T013000Z-a1b2c3/../../price',
      '..',
      'quantity/../price-mlp-20261129T013000Z-a1b2c3',
      'quantity-mlp-20261129T013000Z-a1b2c3\u0000',
      'Quantity-MLP-20261129T013000Z-A1B2C3',
      'quantity-mlp-20261129T013000Z-a1b2c3 ',
      'quantity-mlp-2026-11-29-a1b2c3',
      'sales-mlp-20261129T013000Z-a1b2c3',
      '%2e%2e%2fregistry',
      `quantity-${'x'.repeat(200)}-20261129T013000Z-a1b2c3`,
    ];

    it('refuses malformed and path-traversal ids everywhere they enter, before touching the store', async () => {
      const a = await register();
      const keys = await store.list('');
      for (const id of badIds) {
        const calls: Promise<unknown>[] = [
          registry.get(id),
          registry.promote(id, who),
          registry.promote(id, { ...who, force: true }),
          registry.demote(id, who),
          registry.delete(id, who),
          registry.setAlias('champion', id, who),
          registry.openArtifacts(id),
          registry.checkGates(id),
          registry.history('quantity', { id }),
        ];
        for (const call of calls)
          await expect(call).rejects.toMatchObject({ registryCode: 'INVALID_ID', status: 400 });
      }
      expect(await store.list('')).toEqual(keys);
      expect((await registry.get(a.id)).id).toBe(a.id);
    });

    it('reports a corrupted manifest for that entry while the rest still lists', async () => {
      const good = await register('mlp');
      const garbled = await register('gru');
      const wrongShape = await register('lstm');
      const renamed = await register('ets');
      await store.put(
        manifestKey('quantity', garbled.id),
        bytes('{"schemaVersion": 1, "id": "quantity-gru'),
      );
      await store.put(
        manifestKey('quantity', wrongShape.id),
        bytes(JSON.stringify({ schemaVersion: 1, id: wrongShape.id })),
      );
      await store.put(
        manifestKey('quantity', renamed.id),
        bytes(JSON.stringify({ ...good, stage: undefined, aliases: undefined })),
      );
      await store.put('registry/quantity/versions/not..an-id/manifest.json', bytes('{}'));

      const { versions, errors } = await registry.list();
      expect(versions.map((v) => v.id)).toEqual([good.id]);
      expect(errors.map((e) => [e.code, e.key]).sort()).toEqual(
        [
          ['CORRUPT_MANIFEST', manifestKey('quantity', garbled.id)],
          ['CORRUPT_MANIFEST', manifestKey('quantity', renamed.id)],
          ['CORRUPT_MANIFEST', manifestKey('quantity', wrongShape.id)],
          ['INVALID_ID', 'registry/quantity/versions/not..an-id/manifest.json'],
        ].sort(),
      );
      await expect(registry.get(garbled.id)).rejects.toMatchObject({
        registryCode: 'CORRUPT_MANIFEST',
      });
      await expect(registry.promote(garbled.id, who)).rejects.toMatchObject({
        registryCode: 'CORRUPT_MANIFEST',
      });
      await registry.delete(garbled.id, { actor: 'ops', reason: 'cleanup' });
      expect((await registry.list()).errors).toHaveLength(3);
    });

    it('reports a corrupted state file while other targets still list', async () => {
      const q = await register('mlp');
      const p = await register('mlp', {}, 'price');
      await registry.promote(q.id, who);
      await store.put('registry/quantity/state.json', bytes('not json'));
      const { versions, errors } = await registry.list();
      expect(versions.map((v) => v.id)).toEqual([p.id]);
      expect(errors).toEqual([
        expect.objectContaining({ code: 'CORRUPT_STATE', key: 'registry/quantity/state.json' }),
      ]);
      await expect(registry.promote(q.id, who)).rejects.toMatchObject({
        registryCode: 'CORRUPT_STATE',
      });
    });
  });
});
