import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { MODEL_ID_PATTERN } from '../../../src/registry/model-id.js';
import type { RegistryError } from '../../../src/registry/registry.errors.js';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import {
  bytes,
  diskHarness,
  manifestInput,
  type MetricsOverrides,
  registerTestModel,
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

  const register = (kind?: string, m?: MetricsOverrides | null, target?: 'quantity' | 'price') =>
    registerTestModel(registry, who, kind, m, target);

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
});
