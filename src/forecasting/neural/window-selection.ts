import type { PanelView } from './panel-view.js';
import type { WindowSet } from './window-features.js';

export interface WindowSelection {
  firstOrigin: number;
  lastOrigin: number;
  /** Last day index that may serve as a target. */
  targetEnd: number;
  horizon: number;
  /** Observed days a series needs up to the origin. */
  minObserved: number;
}

/**
 * Every (series, origin) in [firstOrigin, lastOrigin] whose series has ≥ minObserved observed days up to the
 * origin and ≥ 1 observed target day in (origin, min(origin + horizon, targetEnd)]. Unlisted days are not
 * targets (they stay masked out of the loss).
 */
export function selectWindows(view: PanelView, sel: WindowSelection): WindowSet {
  const series: number[] = [];
  const origins: number[] = [];
  const first = Math.max(0, sel.firstOrigin);
  for (let s = 0; s < view.n; s++) {
    for (let t = first; t <= sel.lastOrigin; t++) {
      if (view.observedIn(s, 0, t + 1) < sel.minObserved) continue;
      const end = Math.min(t + sel.horizon, sel.targetEnd);
      if (view.observedIn(s, t + 1, end + 1) < 1) continue;
      series.push(s);
      origins.push(t);
    }
  }
  return {
    series: Int32Array.from(series),
    origins: Int32Array.from(origins),
    targetEnd: sel.targetEnd,
  };
}

/** Origin t of every listed series index (for prediction at one cutoff). */
export function originWindows(seriesIndex: readonly number[], origin: number): WindowSet {
  return {
    series: Int32Array.from(seriesIndex),
    origins: new Int32Array(seriesIndex.length).fill(origin),
    targetEnd: -1,
  };
}
