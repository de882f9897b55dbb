import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { MODEL_ID_PATTERN } from '../../../src/registry/model-id.js';
import { manifestKey } from '../../../src/registry/registry-layout.js';
import type { RegistryError } from '../../../src/registry/registry.errors.js';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import {
  bytes,
  diskHarness,
  manifestInput,
  type MetricsOverrides,
  type StoreHarness,
} from './registry-fixtures.js';

const who = { actor: 'ds@freshcast', reason: 'weekly retrain' };

describe('ModelRegistryService (disk driver; the S3 driver is covered by model-registry.s3.spec.ts)', () => {
  let harness: StoreHarness;
  let store: ArtifactStore;
  let twin: () => ArtifactStore;
  let registry: ModelRegistryService;

  beforeAll(async () => {
    harness = await diskHarness();
  });
  afterAll(async () => {
    await harness.close();
  });
  beforeEach(async () => {
    ({ store, twin } = await harness.fresh());
    registry = new ModelRegistryService({ store });
  });

  const register = (
    kind = 'mlp',
    m: MetricsOverrides | null = {},
    target: 'quantity' | 'price' = 'quantity',
  ) =>
    registry.register({
      ...who,
      manifest: manifestInput(kind, m, target),
      writeArtifacts: async (sink) => {
        await sink.put('model.json', bytes(`{"kind":"${kind}"}`));
        await sink.put('weights/group1.bin', new Uint8Array([1, 2, 3, 4]));
      },
    });

  describe('registration', () => {
    it('registers artifacts and a manifest under a readable id, in dev', async () => {
      const v = await register('seasonal-naive');
      expect(v.id).toMatch(MODEL_ID_PATTERN);
      expect(v.id).toMatch(/^quantity-seasonal-naive-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
      expect(v).toMatchObject({
        stage: 'dev',
        aliases: [],
        schemaVersion: 1,
        artifacts: ['model.json', 'weights/group1.bin'],
      });
      const again = await registry.get(v.id);
      expect(again).toEqual(v);
      const { source, manifest } = await registry.openArtifacts(v.id);
      expect(manifest.featureSpec).toEqual({ version: 1, lags: [7, 14, 28] });
      expect(Buffer.from(await source.get('model.json')).toString()).toBe(
        '{"kind":"seasonal-naive"}',
      );
      expect(Array.from(await source.get('weights/group1.bin'))).toEqual([1, 2, 3, 4]);
      const { entries } = await registry.history('quantity');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'register',
        id: v.id,
        actor: who.actor,
        reason: who.reason,
        toStage: 'dev',
      });
      expect(entries[0].metrics?.wape).toBe(0.3);
    });

    it('rejects an invalid manifest with INVALID_ARGUMENT and writes nothing', async () => {
      const bad = {
        ...manifestInput(),
        training: { start: '2023-01-02', end: '2022-01-01', fingerprint: 'x' },
      };
      await expect(
        registry.register({ ...who, manifest: bad, writeArtifacts: () => Promise.resolve() }),
      ).rejects.toMatchObject({ registryCode: 'INVALID_ARGUMENT', status: 400 });
      const nan = { ...manifestInput(), params: { lr: Number.NaN } };
      await expect(
        registry.register({ ...who, manifest: nan, writeArtifacts: () => Promise.resolve() }),
      ).rejects.toMatchObject({
        details: { issues: [expect.objectContaining({ field: 'params.lr' })] },
      });
      await expect(
        registry.register({
          ...who,
          actor: ' ',
          manifest: manifestInput(),
          writeArtifacts: () => Promise.resolve(),
        }),
      ).rejects.toMatchObject({ registryCode: 'INVALID_ARGUMENT' });
      expect(await store.list('registry/')).toEqual([]);
    });

    it('shows a version only once its manifest is written, and leaves nothing when artifacts fail', async () => {
      const other = new ModelRegistryService({ store: twin() });
      let seenWhileWriting: number | undefined;
      const v = await registry.register({
        ...who,
        manifest: manifestInput(),
        writeArtifacts: async (sink) => {
          await sink.put('model.json', bytes('{}'));
          seenWhileWriting = (await other.list()).versions.length;
        },
      });
      expect(seenWhileWriting).toBe(0);
      expect((await other.list()).versions.map((x) => x.id)).toEqual([v.id]);

      await expect(
        registry.register({
          ...who,
          manifest: manifestInput('lstm'),
          writeArtifacts: async (sink) => {
            await sink.put('model.json', bytes('{}'));
            throw new Error('training crashed while saving');
          },
        }),
      ).rejects.toThrow('training crashed while saving');
      expect((await other.list()).versions.map((x) => x.id)).toEqual([v.id]);
      expect(
        (await store.list('registry/quantity/versions/')).filter((k) => k.includes('-lstm-')),
      ).toEqual([]);
    });
  });

  describe('promotion gates', () => {
    it('lets the first model into prod when its own gates pass, then needs the margin over prod', async () => {
      const a = await register('mlp', { wape: 0.3 });
      const first = await registry.promote(a.id, who);
      expect(first).toMatchObject({ changed: true, previousId: null, forced: false });
      expect(first.gates.every((g) => g.passed)).toBe(true);
      expect(first.version.stage).toBe('prod');

      const slightlyBetter = await register('gru', { wape: 0.297 }); // 1 % better, 2 % needed
      const err = (await registry
        .promote(slightlyBetter.id, who)
        .catch((e: unknown) => e)) as RegistryError;
      expect(err).toMatchObject({ registryCode: 'GATE_FAILED', status: 422, code: 'gate_failed' });
      expect(err.details).toMatchObject({ failed: ['min_improvement'] });
      expect((await registry.status('quantity')).prod).toBe(a.id);
      expect((await registry.get(slightlyBetter.id)).stage).toBe('dev');

      const better = await register('lstm', { wape: 0.27 });
      const ok = await registry.promote(better.id, who);
      expect(ok).toMatchObject({ changed: true, previousId: a.id });
      const minGate = ok.gates.find((g) => g.gate === 'min_improvement');
      expect(minGate).toMatchObject({ passed: true, candidate: 0.27, reference: 0.3 });
      expect(minGate?.threshold).toBeCloseTo(0.294, 10);
      expect((await registry.get(a.id)).stage).toBe('archived');
    });

    it.each([
      ['coverage below the band', { coverage: 0.62 }, 'coverage_band'],
      ['coverage above the band', { coverage: 0.95 }, 'coverage_band'],
      ['worse than seasonal naive', { wape: 0.5, seasonalNaive: 0.45 }, 'beats_seasonal_naive'],
    ])('refuses %s', async (_label, metrics, gate) => {
      const v = await register('mlp', metrics);
      await expect(registry.promote(v.id, who)).rejects.toMatchObject({
        registryCode: 'GATE_FAILED',
        details: { failed: [gate] },
      });
      expect((await registry.status('quantity')).prod).toBeNull();
    });

    it('refuses a model without backtest and one backtested on another protocol', async () => {
      const prod = await register('mlp', { wape: 0.3 });
      await registry.promote(prod.id, who);
      const untested = await register('gru', null);
      await expect(registry.promote(untested.id, who)).rejects.toMatchObject({
        details: { failed: ['backtest'] },
      });
      const otherProtocol = await register('lstm', { wape: 0.1, windows: 8 });
      await expect(registry.promote(otherProtocol.id, who)).rejects.toMatchObject({
        details: { failed: ['same_protocol'] },
      });
      expect(await registry.checkGates(otherProtocol.id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ gate: 'same_protocol', passed: false })]),
      );
    });

    it('force needs a reason, bypasses failing gates and is recorded', async () => {
      const prod = await register('mlp', { wape: 0.3 });
      await registry.promote(prod.id, who);
      const worse = await register('ets', { wape: 0.35 });
      await expect(registry.promote(worse.id, { actor: 'ops', force: true })).rejects.toMatchObject(
        {
          registryCode: 'INVALID_ARGUMENT',
        },
      );
      await expect(
        registry.promote(worse.id, { actor: 'ops', force: true, reason: '  ' }),
      ).rejects.toMatchObject({
        registryCode: 'INVALID_ARGUMENT',
      });
      const forced = await registry.promote(worse.id, {
        actor: 'ops',
        force: true,
        reason: 'incident 42: old model broken',
      });
      expect(forced).toMatchObject({ forced: true, changed: true, previousId: prod.id });
      expect(forced.gates.find((g) => g.gate === 'min_improvement')?.passed).toBe(false);
      const last = (await registry.history('quantity')).entries.at(-1);
      expect(last).toMatchObject({
        action: 'promote',
        id: worse.id,
        actor: 'ops',
        reason: 'incident 42: old model broken',
        forced: true,
        previousId: prod.id,
        fromStage: 'dev',
        toStage: 'prod',
      });
      expect(last?.metrics?.wape).toBe(0.35);
      expect(last?.previousMetrics?.wape).toBe(0.3);
      expect(last?.gates?.some((g) => !g.passed)).toBe(true);
    });

    it('re-promoting the prod model changes nothing', async () => {
      const a = await register();
      await registry.promote(a.id, who);
      const before = await registry.status('quantity');
      const again = await registry.promote(a.id, who);
      expect(again.changed).toBe(false);
      expect(await registry.status('quantity')).toEqual(before);
    });
  });

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
