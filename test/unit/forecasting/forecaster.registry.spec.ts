import { FORECASTER_HEADER_KEY } from '../../../src/forecasting/forecaster-factory.js';
import {
  ForecasterErrorCode,
  UnknownForecasterKindError,
} from '../../../src/forecasting/forecaster.errors.js';
import {
  createForecaster,
  getFactory,
  listKinds,
  loadForecaster,
  saveForecaster,
} from '../../../src/forecasting/forecaster.registry.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';
import { MemoryBlobStore } from '../../helpers/memory-blob-store.js';

const STAT_KINDS = ['seasonal-naive', 'moving-average', 'ets', 'croston', 'tsb', 'linear', 'gbt'];

describe('forecaster registry', () => {
  it('lists every kind, statistical and neural', () => {
    expect(listKinds()).toEqual([...STAT_KINDS, 'mlp', 'lstm', 'gru', 'transformer', 'ensemble']);
  });

  it('loads the factory of each statistical kind lazily', async () => {
    for (const kind of STAT_KINDS) {
      const factory = await getFactory(kind);
      expect(factory.kind).toBe(kind);
      expect(factory.description.length).toBeGreaterThan(10);
      const f = factory.create();
      expect(f.kind).toBe(kind);
      expect(f.params).toEqual(factory.defaults);
      expect(f.capabilities.neural).toBe(false);
    }
  });

  it('rejects an unknown kind with a typed error listing the known ones', async () => {
    const err: unknown = await getFactory('prophet').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownForecasterKindError);
    expect(err).toMatchObject({ code: ForecasterErrorCode.UnknownKind });
    expect((err as Error).message).toContain('seasonal-naive, moving-average, ets');
    expect((err as Error).message).toContain('transformer');
  });

  it('validates hyperparameters', async () => {
    await expect(createForecaster('moving-average', { window: 0 })).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidParams,
    });
    await expect(createForecaster('ets', { smoothing: 1 })).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidParams,
    });
    expect((await createForecaster('moving-average', { window: 7 })).params).toEqual({ window: 7 });
  });

  describe('save and load', () => {
    const panel = syntheticPanel({ series: 4, days: 120 });

    async function saved(kind: string): Promise<MemoryBlobStore> {
      const f = await createForecaster(kind);
      await f.fit(panel, { target: 'quantity', horizon: 7 });
      const store = new MemoryBlobStore();
      expect(await saveForecaster(f, store)).toEqual([FORECASTER_HEADER_KEY]);
      return store;
    }

    function editHeader(store: MemoryBlobStore, edit: (h: Record<string, unknown>) => void): void {
      const bytes = store.blobs.get(FORECASTER_HEADER_KEY);
      const header = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      edit(header);
      store.blobs.set(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
    }

    it('keeps the fitted state of a statistical kind in the JSON header', async () => {
      const store = await saved('ets');
      const header = JSON.parse(
        new TextDecoder().decode(store.blobs.get(FORECASTER_HEADER_KEY)),
      ) as { state: { model: { ids: string[] } } };
      expect(header.state.model.ids).toEqual(panel.seriesIds);
      const loaded = await loadForecaster(store);
      expect(loaded.kind).toBe('ets');
      expect(loaded.horizon).toBe(7);
    });

    it('refuses a header that is not JSON or lacks fields', async () => {
      const store = new MemoryBlobStore();
      await store.put(FORECASTER_HEADER_KEY, new TextEncoder().encode('{not json'));
      await expect(loadForecaster(store)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidArtifact,
      });
      await store.put(FORECASTER_HEADER_KEY, new TextEncoder().encode('{"kind":"ets"}'));
      await expect(loadForecaster(store)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidArtifact,
      });
    });

    it('refuses an unknown kind, a foreign state and a newer schema', async () => {
      const unknown = await saved('tsb');
      editHeader(unknown, (h) => (h.kind = 'arima'));
      await expect(loadForecaster(unknown)).rejects.toMatchObject({
        code: ForecasterErrorCode.UnknownKind,
      });
      const foreign = await saved('seasonal-naive');
      editHeader(foreign, (h) => (h.kind = 'linear'));
      await expect(loadForecaster(foreign)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidArtifact,
      });
      const newer = await saved('croston');
      editHeader(newer, (h) => (h.schemaVersion = 99));
      await expect(loadForecaster(newer)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidArtifact,
      });
    });
  });
});
