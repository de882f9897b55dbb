import { addDays } from '../../../../src/data/dates.js';
import { ForecasterErrorCode } from '../../../../src/forecasting/forecaster.errors.js';
import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { syntheticPanel } from '../../../helpers/synthetic-panel.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';

describe('statistical forecaster mechanics', () => {
  const panel = syntheticPanel({ series: 4, days: 120 });

  it('refuses to predict or save before a fit', async () => {
    const f = await createForecaster('ets');
    await expect(f.predict({ panel, horizon: 7 })).rejects.toMatchObject({
      code: ForecasterErrorCode.NotFitted,
    });
    await expect(f.toArtifacts(new MemoryBlobStore())).rejects.toMatchObject({
      code: ForecasterErrorCode.NotFitted,
    });
  });

  it('checks the horizon of fits and predictions', async () => {
    const f = await createForecaster('moving-average');
    await expect(f.fit(panel, { target: 'quantity', horizon: 0 })).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidParams,
    });
    const report = await f.fit(panel, { target: 'quantity', horizon: 7 });
    expect(report).toMatchObject({ kind: 'moving-average', epochs: 1, valLoss: [] });
    expect(report.trainLoss[0]).toBeGreaterThan(0);
    await expect(f.predict({ panel, horizon: 8 })).rejects.toMatchObject({
      code: ForecasterErrorCode.HorizonExceedsFit,
    });
  });

  it('forecasts from a cutoff past the last date, counting the days between as missing', async () => {
    const f = await createForecaster('seasonal-naive');
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const last = panel.dates[panel.dates.length - 1];
    const [late] = await f.predict({ panel, horizon: 7, cutoff: addDays(last, 100) });
    expect(late.dates[0]).toBe(addDays(last, 101));
    await expect(
      f.predict({ panel, horizon: 7, cutoff: addDays(last, 367) }),
    ).rejects.toMatchObject({ code: ForecasterErrorCode.InvalidCutoff });
    const [now] = await f.predict({ panel, horizon: 7, cutoff: last });
    expect(late.mean.every((v) => v === now.mean[now.mean.length - 1])).toBe(true);
  });

  it('fits on data up to the fit cutoff only', async () => {
    const cutoff = panel.dates[90];
    const a = await createForecaster('linear');
    await a.fit(panel, { target: 'quantity', horizon: 7, cutoff });
    const b = await createForecaster('linear');
    await b.fit(panel, { target: 'quantity', horizon: 7 });
    const fa = await a.predict({ panel, horizon: 7, cutoff });
    const fb = await b.predict({ panel, horizon: 7, cutoff });
    expect(fa).not.toEqual(fb);
    expect(fa[0].dates[0]).toBe(panel.dates[91]);
  });

  it('forecasts prices as well as quantities', async () => {
    const f = await createForecaster('ets');
    await f.fit(panel, { target: 'price', horizon: 7 });
    expect(f.target).toBe('price');
    const forecasts = await f.predict({ panel, horizon: 7 });
    expect(forecasts.length).toBeGreaterThan(0);
    for (const x of forecasts) expect(x.quantiles.p50.every((v) => v > 1 && v < 30)).toBe(true);
  });
});
