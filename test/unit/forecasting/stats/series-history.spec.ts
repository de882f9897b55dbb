import { ForecasterErrorCode } from '../../../../src/forecasting/forecaster.errors.js';
import { ObservedPrefix } from '../../../../src/forecasting/stats/observed-prefix.js';
import {
  horizonDates,
  resolveCutoff,
  selectSeries,
  seriesValues,
  targetValues,
} from '../../../../src/forecasting/stats/series-history.js';
import { levelScale, recentZeroShare } from '../../../../src/forecasting/stats/series-scale.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';

/** The `code` of what `work` throws (undefined when it does not throw). */
function thrownCode(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
}

describe('series history', () => {
  const panel = panelFromRows(
    [
      [1, 2, NaN, 4, 5],
      [NaN, NaN, NaN, 1, 0],
    ],
    '2024-02-27',
    ['a', 'b'],
  );
  const q = targetValues(panel, 'quantity');

  it('resolves cutoffs, including one after the last date', () => {
    expect(resolveCutoff(panel)).toEqual({ iso: '2024-03-02', index: 4 });
    expect(resolveCutoff(panel, '2024-02-29')).toEqual({ iso: '2024-02-29', index: 2 });
    expect(resolveCutoff(panel, '2024-03-04').index).toBe(6);
    expect(resolveCutoff(panel, '2025-03-02').index).toBe(4 + 365);
    expect(thrownCode(() => resolveCutoff(panel, '2025-03-04'))).toBe(
      ForecasterErrorCode.InvalidCutoff,
    );
    expect(thrownCode(() => resolveCutoff(panel, '2024-02-26'))).toBe(
      ForecasterErrorCode.InvalidCutoff,
    );
    expect(thrownCode(() => resolveCutoff(panel, '2024-02-30'))).toBe(
      ForecasterErrorCode.InvalidCutoff,
    );
    expect(thrownCode(() => targetValues(panel, 'price'))).toBe(ForecasterErrorCode.MissingTarget);
  });

  it('cuts a series at the cutoff and pads days past the panel with NaN', () => {
    expect(Array.from(seriesValues(panel, q, 0, 1))).toEqual([1, 2]);
    expect(Array.from(seriesValues(panel, q, 0, 6))).toEqual([1, 2, NaN, 4, 5, NaN, NaN]);
  });

  it('skips short series by default and refuses them when asked for by id', () => {
    expect(selectSeries(panel, q, 4, 3).map((s) => s.id)).toEqual(['a']);
    expect(selectSeries(panel, q, 4, 2, ['b', 'a']).map((s) => [s.id, s.observed])).toEqual([
      ['b', 2],
      ['a', 4],
    ]);
    expect(thrownCode(() => selectSeries(panel, q, 4, 3, ['b']))).toBe(
      ForecasterErrorCode.InsufficientHistory,
    );
    expect(thrownCode(() => selectSeries(panel, q, 4, 1, ['zz']))).toBe(
      ForecasterErrorCode.UnknownSeries,
    );
  });

  it('lists the horizon dates after the cutoff, across month ends', () => {
    expect(horizonDates('2024-02-28', 3)).toEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });

  it('computes range statistics and the robust level scale from observed days', () => {
    const p = new ObservedPrefix([2, NaN, -4, 0, 6]);
    expect(p.observed(0, 5)).toBe(4);
    expect(p.mean(0, 5)).toBe(1);
    expect(p.absMean(0, 5)).toBe(3);
    expect(p.zeroShare(0, 5)).toBe(0.5);
    expect(p.mean(1, 2)).toBeNaN();
    expect(p.mean(-10, 100)).toBe(1);
    expect(levelScale(p)).toBe(3);
    expect(levelScale(new ObservedPrefix([0, 0]))).toBe(1e-3);
    expect(recentZeroShare(new ObservedPrefix([NaN]))).toBe(0);
    const old = new ObservedPrefix([8, ...new Array<number>(100).fill(NaN)]);
    expect(levelScale(old)).toBe(8);
  });
});
