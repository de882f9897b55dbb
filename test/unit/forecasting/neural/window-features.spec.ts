import { addDays, toEpochDay } from '../../../../src/data/dates.js';
import {
  CALENDAR_COVARIATES,
  calendarCovariates,
} from '../../../../src/features/calendar-covariates.js';
import { NO_CALIBRATION } from '../../../../src/forecasting/neural/conformal.calibration.js';
import type { NeuralState } from '../../../../src/forecasting/neural/neural-state.js';
import { PanelView } from '../../../../src/forecasting/neural/panel-view.js';
import {
  allocateBatch,
  categoryIndex,
  fillBatch,
  FUTURE_CALENDAR,
  futureFeatureCount,
  LEGACY_FUTURE_CALENDAR,
  PAST_FEATURES,
  staticFeatureCount,
  type FeatureContext,
} from '../../../../src/forecasting/neural/window-features.js';
import { selectWindows } from '../../../../src/forecasting/neural/window-selection.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';
import { yearBackDays } from '../../../../src/forecasting/stats/year-back-features.js';

const K = CALENDAR_COVARIATES.length;
/** Inputs per target day of a state without futureCalendar (models saved before it was listed). */
const FUTURE_FEATURES = LEGACY_FUTURE_CALENDAR.length + 1;

function state(over: Partial<NeuralState> = {}): NeuralState {
  return {
    target: 'quantity',
    horizon: 3,
    lookback: 4,
    levelWindow: 3,
    clip: 20,
    eps: 0.5,
    categories: ['A'],
    lossRateFill: 0.1,
    logLevelMean: 0,
    logLevelStd: 1,
    weightNorm: 2,
    covariates: [...CALENDAR_COVARIATES],
    calibration: NO_CALIBRATION,
    trainedThrough: '2024-01-10',
    members: 1,
    ...over,
  };
}

describe('panel view', () => {
  const panel = panelFromRows([[1, NaN, 3, 5, NaN, 7, 0, 0]]);
  const view = new PanelView(panel, 'quantity', -4, 12);

  it('averages the last k observed values up to a day, skipping missing days', () => {
    expect(view.level(0, 3, 3)).toBeCloseTo((1 + 3 + 5) / 3);
    expect(view.level(0, 4, 3)).toBeCloseTo((1 + 3 + 5) / 3); // day 4 missing
    expect(view.level(0, 7, 3)).toBeCloseTo((7 + 0 + 0) / 3);
    expect(view.level(0, 0, 91)).toBe(1);
    expect(view.level(0, -1, 3)).toBe(0);
    expect(view.observedIn(0, 0, 8)).toBe(6);
    expect(view.observedIn(0, -5, 2)).toBe(1);
  });

  it('averages and counts over calendar days, and knows weekdays before the first day', () => {
    expect(view.meanIn(0, 0, 4)).toBeCloseTo((1 + 3 + 5) / 3);
    expect(view.meanIn(0, 4, 5)).toBeNaN();
    expect(view.zerosIn(0, 0, 8)).toBe(2);
    expect(view.weekday(0)).toBe(0); // 2024-01-01 is a Monday
    expect(view.weekday(-1)).toBe(6);
    expect(view.weekday(13)).toBe(6);
  });

  it("gives the days back to each prepared day's twin a year earlier, as yearBackDays does", () => {
    // 2024-01-01 + d: day 40 is lunar new year 2024 (2024-02-10), day 200 is far from it
    const v = new PanelView(panelFromRows([[1, 2, 3]]), 'quantity', -4, 400);
    for (const d of [-4, 0, 40, 60, 200, 399])
      expect(v.yearBackDays(d)).toBe(yearBackDays(toEpochDay(addDays('2024-01-01', d)), 1));
    expect(v.yearBackDays(40)).toBe(toEpochDay('2024-02-10') - toEpochDay('2023-01-22'));
    expect(v.yearBackDays(200)).toBe(364);
    expect(() => v.yearBackDays(400)).toThrow(/outside the prepared calendar/);
  });

  it('prepares the calendar for days before and after the panel', () => {
    const row = view.calendarRow(-2);
    expect(Array.from(view.calendarValues.subarray(row, row + K))).toEqual(
      Array.from(calendarCovariates([addDays(panel.dates[0], -2)])),
    );
    expect(() => view.calendarRow(12)).toThrow(/outside the prepared calendar/);
  });
});

describe('window selection', () => {
  it('needs history up to the origin and an observed target before targetEnd', () => {
    const panel = panelFromRows([[1, 2, 3, NaN, NaN, NaN, NaN, 4]]);
    const view = new PanelView(panel, 'quantity', -4, 12);
    const w = selectWindows(view, {
      firstOrigin: 0,
      lastOrigin: 6,
      targetEnd: 7,
      horizon: 2,
      minObserved: 2,
    });
    // origin 0: 1 observed (< 2); origins 2, 3, 4: no observed target in the next 2 days
    expect(Array.from(w.origins)).toEqual([1, 5, 6]);
    const cut = selectWindows(view, {
      firstOrigin: 0,
      lastOrigin: 6,
      targetEnd: 6,
      horizon: 2,
      minObserved: 2,
    });
    expect(Array.from(cut.origins)).toEqual([1]);
  });
});

describe('window features', () => {
  const panel = panelFromRows([[2, 4, NaN, 6, 100, 0, 8]]);
  panel.statics.categoryCode[0] = 'A';
  panel.listed[2] = 1; // listed but no value (e.g. a price target without sales)
  const view = new PanelView(panel, 'quantity', -4, 12);
  const st = state();
  const ctx: FeatureContext = {
    view,
    state: st,
    category: categoryIndex(panel.statics.categoryCode, st.categories),
    lossRate: panel.statics.lossRate,
  };
  const nStatic = staticFeatureCount(1);
  const batch = allocateBatch(2, st.lookback, st.horizon, nStatic, FUTURE_FEATURES);
  const windows = { series: Int32Array.from([0]), origins: Int32Array.from([3]), targetEnd: 5 };
  fillBatch(ctx, windows, Int32Array.from([0]), 0, 1, batch);
  const scale = (4 + 6 + 2) / 3 + 0.5; // last 3 observed values up to day 3, + eps

  it('scales history by the robust level of the days up to the origin', () => {
    expect(batch.size).toBe(1);
    expect(batch.scale[0]).toBeCloseTo(scale);
    const past = (k: number, f: number): number => batch.past[k * PAST_FEATURES + f];
    expect([past(0, 0), past(1, 0), past(2, 0), past(3, 0)].map((x) => +x.toFixed(4))).toEqual(
      [2 / scale, 4 / scale, 0, 6 / scale].map((x) => +x.toFixed(4)),
    );
    expect([past(0, 1), past(1, 1), past(2, 1), past(3, 1)]).toEqual([1, 1, 0, 1]); // observed
    expect(past(2, 2)).toBe(1); // listed flag
  });

  it('masks missing and out-of-range targets and clips scaled values', () => {
    // targets: day 4 (100 → clipped), day 5 (0), day 6 (beyond targetEnd → masked)
    expect(batch.target[0]).toBeCloseTo(Math.min(100 / scale, st.clip));
    expect(batch.target[1]).toBe(0);
    expect(Array.from(batch.weight.subarray(0, 3)).map((x) => +x.toFixed(4))).toEqual(
      [scale / st.weightNorm, scale / st.weightNorm, 0].map((x) => +x.toFixed(4)),
    );
  });

  it('puts the target days calendar, weekday profile and statics in place', () => {
    const cal = calendarCovariates(panel.dates.slice(4, 7));
    const col = (name: (typeof CALENDAR_COVARIATES)[number], h: number): number =>
      cal[h * K + CALENDAR_COVARIATES.indexOf(name)];
    for (let h = 0; h < 3; h++) {
      const f = Array.from(batch.future.subarray(h * FUTURE_FEATURES, (h + 1) * FUTURE_FEATURES));
      expect(f[0]).toBeCloseTo(col('dow_sin', h));
      expect(f[2]).toBe(col('is_weekend', h));
      expect(f[6]).toBe(col('sf_closure', h));
    }
    // weekday profile: days 4..6 are Fri..Sun; only Mon, Tue and Thu were observed up to the origin,
    // so each target day falls back to the overall mean of the last 91 days
    const overall = (2 + 4 + 6) / 3 / scale;
    expect(batch.future[FUTURE_FEATURES - 1]).toBeCloseTo(overall);
    const statics = Array.from(batch.statics.subarray(0, nStatic));
    expect(statics.slice(0, 2)).toEqual([1, 0]); // category A, not unknown
    expect(statics[2]).toBeCloseTo(Math.log(scale));
    expect(statics[3]).toBeCloseTo(3 / 91); // observed days in the last 91 up to the origin
    expect(statics[4]).toBeCloseTo(st.lossRateFill); // NaN loss rate → training mean
    expect(statics[7]).toBeCloseTo((2 + 4 + 6) / 3 / scale); // mean of the last 7 days
    expect(statics[9]).toBe(0); // no zeros observed
  });

  it('gives each target day the mean of its weekday over the last 91 days', () => {
    const days = 35;
    const row = Array.from({ length: days }, (_, d) => (d % 7 === 5 ? 10 : 1)); // Saturdays sell 10
    const p = panelFromRows([row]);
    const v = new PanelView(p, 'quantity', -4, days + 8);
    const b = allocateBatch(1, 4, 7, nStatic, FUTURE_FEATURES);
    const w = { series: Int32Array.from([0]), origins: Int32Array.from([days - 1]), targetEnd: -1 };
    fillBatch(
      { ...ctx, view: v, state: state({ horizon: 7, levelWindow: 91 }) },
      w,
      Int32Array.from([0]),
      0,
      1,
      b,
    );
    const sc = b.scale[0];
    const profile = Array.from(
      { length: 7 },
      (_, h) => b.future[(h + 1) * FUTURE_FEATURES - 1] * sc,
    );
    // origin day 34 is a Sunday: target days are Mon..Sun
    expect(profile.map((x) => +x.toFixed(3))).toEqual([1, 1, 1, 1, 1, 10, 1]);
  });

  it('does not look past the origin: changing later values leaves the inputs unchanged', () => {
    const other = panelFromRows([[2, 4, NaN, 6, 1, 50, 3]]);
    other.statics.categoryCode[0] = 'A';
    other.listed[2] = 1;
    const b2 = allocateBatch(2, st.lookback, st.horizon, nStatic, FUTURE_FEATURES);
    fillBatch(
      { ...ctx, view: new PanelView(other, 'quantity', -4, 12) },
      windows,
      Int32Array.from([0]),
      0,
      1,
      b2,
    );
    expect(Array.from(b2.past)).toEqual(Array.from(batch.past));
    expect(Array.from(b2.statics)).toEqual(Array.from(batch.statics));
    expect(b2.scale[0]).toBe(batch.scale[0]);
  });

  it("gives the recent price move and last year's change over the horizon", () => {
    const days = 400;
    const origin = days - 1;
    const y = origin - 364; // the same origin a year before
    const row = Array.from({ length: days }, (_, d) => (d > y && d <= y + 3 ? 4 : 2));
    const p = panelFromRows([row]);
    p.statics.categoryCode[0] = 'A';
    const price = new Float32Array(days).fill(10);
    price.fill(12, days - 7);
    p.columns.set('price', price);
    const st3 = state({ eps: 0.001 });
    const v = new PanelView(p, 'quantity', -4, days + 8);
    const b = allocateBatch(1, 4, 3, nStatic, FUTURE_FEATURES);
    const w = { series: Int32Array.from([0]), origins: Int32Array.from([origin]), targetEnd: -1 };
    fillBatch({ ...ctx, view: v, state: st3 }, w, Int32Array.from([0]), 0, 1, b);
    const c = 2; // after the category slots
    const mean91 = (12 * 7 + 10 * 84) / 91;
    expect(b.statics[c + 8]).toBeCloseTo(Math.log(12 / mean91), 4);
    expect(b.statics[c + 9]).toBe(0); // no wholesale column
    expect(b.statics[c + 10]).toBeCloseTo(Math.log(4 / 2), 3); // the 3 horizon days sold double
    expect(b.statics[c + 11]).toBe(1);
    // without a year of history both year-ago features are 0
    expect(batch.statics[c + 10]).toBe(0);
    expect(batch.statics[c + 11]).toBe(0);
  });

  it('gives the Spring Festival day flags of the target days to models trained with them', () => {
    // 2024-02-10 is lunar new year's day: origin 2024-02-04 makes the targets days −5…+1
    const days = 40;
    const p = panelFromRows([Array.from({ length: days }, () => 1)], '2023-12-31');
    p.statics.categoryCode[0] = 'A';
    const origin = 35;
    expect(p.dates[origin]).toBe('2024-02-04');
    const st7 = state({ horizon: 7, futureCalendar: [...FUTURE_CALENDAR] });
    const width = futureFeatureCount(st7);
    expect(width).toBe(FUTURE_CALENDAR.length + 1);
    const v = new PanelView(p, 'quantity', -4, days + 8);
    const b = allocateBatch(1, 4, 7, nStatic, width);
    const w = { series: Int32Array.from([0]), origins: Int32Array.from([origin]), targetEnd: -1 };
    fillBatch({ ...ctx, view: v, state: st7 }, w, Int32Array.from([0]), 0, 1, b);
    const flag = (name: (typeof FUTURE_CALENDAR)[number], h: number): number =>
      b.future[h * width + FUTURE_CALENDAR.indexOf(name)];
    expect([0, 1, 2, 3, 4, 5, 6].map((h) => flag('sf_minus_10_5', h))).toEqual([
      1, 0, 0, 0, 0, 0, 0,
    ]);
    expect(flag('sf_minus_4', 1)).toBe(1);
    expect(flag('sf_minus_2', 3)).toBe(1);
    expect(flag('sf_eve', 4)).toBe(1);
    expect(flag('sf_day', 5)).toBe(1);
    expect(flag('sf_plus_1_6', 6)).toBe(1);
    // a batch laid out for the legacy inputs is refused rather than filled out of place
    const legacy = allocateBatch(1, 4, 7, nStatic, FUTURE_FEATURES);
    expect(() =>
      fillBatch({ ...ctx, view: v, state: st7 }, w, Int32Array.from([0]), 0, 1, legacy),
    ).toThrow(/future inputs/);
  });

  it('gives each target day the week around the same weekday 52 weeks earlier to models trained with it', () => {
    const days = 400;
    const origin = days - 1;
    // 4 on days 33–39 (the week around the first target day's twin 52 weeks back), 2 elsewhere,
    // day 35 missing
    const row = Array.from({ length: days }, (_, d): number => (d >= 33 && d <= 39 ? 4 : 2));
    row[35] = NaN;
    const p = panelFromRows([row], '2024-06-01'); // target days in July 2025, far from a Spring Festival
    p.statics.categoryCode[0] = 'A';
    const st3 = state({ eps: 0.001, futureCalendar: [...FUTURE_CALENDAR], futureYearBack: true });
    const width = futureFeatureCount(st3);
    expect(width).toBe(FUTURE_CALENDAR.length + 3);
    const v = new PanelView(p, 'quantity', -4, days + 8);
    const b = allocateBatch(1, 4, 3, nStatic, width);
    const w = { series: Int32Array.from([0]), origins: Int32Array.from([origin]), targetEnd: -1 };
    fillBatch({ ...ctx, view: v, state: st3 }, w, Int32Array.from([0]), 0, 1, b);
    const level = b.scale[0];
    const at = (h: number, k: number): number => b.future[h * width + FUTURE_CALENDAR.length + k];
    // target day d = origin + 1 + h; its twin week is d − 367 … d − 361 (days 33…39 for h = 0)
    expect(at(0, 1)).toBeCloseTo(4 / level, 5);
    expect(at(0, 2)).toBe(1);
    expect(at(1, 1)).toBeCloseTo((5 * 4 + 2) / 6 / level, 5); // days 34–40 but 35
    expect(at(2, 1)).toBeCloseTo((4 * 4 + 2 * 2) / 6 / level, 5); // days 35–41 but 35
    // without a year of history the pair is (0, not observed)
    const short = allocateBatch(1, st3.lookback, st3.horizon, nStatic, width);
    fillBatch({ ...ctx, state: st3 }, windows, Int32Array.from([0]), 0, 1, short);
    expect([
      short.future[FUTURE_CALENDAR.length + 1],
      short.future[FUTURE_CALENDAR.length + 2],
    ]).toEqual([0, 0]);
  });

  it('maps unknown categories to the extra slot', () => {
    expect(Array.from(categoryIndex(['A', 'Z'], ['A']))).toEqual([0, 1]);
  });
});
