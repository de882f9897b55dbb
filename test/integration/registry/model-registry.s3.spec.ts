import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { manifestKey } from '../../../src/registry/registry-layout.js';
import { bytes, manifestInput, s3Harness, type StoreHarness } from './registry-fixtures.js';

const who = { actor: 'ds@freshcast', reason: 'weekly retrain' };

/** The registry over the S3 driver (real SDK against s3rver): the main paths end to end. */
describe('ModelRegistryService on the S3 driver', () => {
  let harness: StoreHarness;

  beforeAll(async () => {
    harness = await s3Harness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('registers (manifest last), gates, forces, rolls back and refuses to delete prod', async () => {
    const { store, twin } = await harness.fresh();
    const registry = new ModelRegistryService({ store });
    const reader = new ModelRegistryService({ store: twin() });
    let visibleWhileWriting = -1;
    const a = await registry.register({
      ...who,
      manifest: manifestInput('mlp', { wape: 0.3 }),
      writeArtifacts: async (sink) => {
        await sink.put('model.json', bytes('{"a":1}'));
        visibleWhileWriting = (await reader.list()).versions.length;
      },
    });
    expect(visibleWhileWriting).toBe(0);
    const b = await registry.register({
      ...who,
      manifest: manifestInput('gru', { wape: 0.299 }),
      writeArtifacts: (sink) => sink.put('model.json', bytes('{"b":1}')),
    });
    await registry.promote(a.id, who);
    await expect(registry.promote(b.id, who)).rejects.toMatchObject({
      registryCode: 'GATE_FAILED',
    });
    const forced = await registry.promote(b.id, { actor: 'ops', force: true, reason: 'hotfix' });
    expect(forced).toMatchObject({ forced: true, previousId: a.id });
    await expect(registry.delete(b.id, who)).rejects.toMatchObject({
      registryCode: 'FORBIDDEN_DELETE',
    });

    const back = await reader.rollback('quantity', { actor: 'oncall' });
    expect(back).toMatchObject({ from: b.id, to: { id: a.id, stage: 'prod' } });
    expect((await registry.get(b.id)).stage).toBe('archived');
    const { source } = await reader.openArtifacts(a.id);
    expect(Buffer.from(await source.get('model.json')).toString()).toBe('{"a":1}');
    expect((await registry.history('quantity')).entries.map((e) => e.action)).toEqual([
      'register',
      'register',
      'promote',
      'promote',
      'rollback',
    ]);
  });

  it('lists the rest when one manifest is corrupt, and hides a version whose artifacts failed', async () => {
    const { store } = await harness.fresh();
    const registry = new ModelRegistryService({ store });
    const ok = await registry.register({
      ...who,
      manifest: manifestInput('mlp'),
      writeArtifacts: () => Promise.resolve(),
    });
    const bad = await registry.register({
      ...who,
      manifest: manifestInput('gru'),
      writeArtifacts: () => Promise.resolve(),
    });
    await store.put(manifestKey('quantity', bad.id), bytes('{ truncated'));
    await expect(
      registry.register({
        ...who,
        manifest: manifestInput('lstm'),
        writeArtifacts: async (sink) => {
          await sink.put('weights.bin', new Uint8Array(1000));
          throw new Error('out of memory');
        },
      }),
    ).rejects.toThrow('out of memory');
    const { versions, errors } = await registry.list();
    expect(versions.map((v) => v.id)).toEqual([ok.id]);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'CORRUPT_MANIFEST', key: manifestKey('quantity', bad.id) }),
    ]);
    expect(
      (await store.list('registry/quantity/versions/')).some((k) => k.includes('-lstm-')),
    ).toBe(false);
  });
});
