import uPlot from 'uplot';
import type { ChartDay, ChartQuantiles } from '../../src/common/report-data.types';

export type { ChartDay, ChartQuantiles };

export interface ForecastChartData {
  title: string;
  unit: string;
  days: ChartDay[];
  /** The forecast ahead (P10/P50/P90); empty when none. */
  forecast: ChartQuantiles[];
  /** Earlier forecasts (P50 per day, newest origin wins), drawn over the actuals. */
  past: ChartQuantiles[];
}

const DAY_S = 86_400;
const toSec = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;
const COLORS = {
  actual: '#1f2937',
  p50: '#1d4ed8',
  band: 'rgba(59, 130, 246, 0.18)',
  edge: 'rgba(59, 130, 246, 0.55)',
  past: '#c2410c',
  posted: '#047857',
  holiday: 'rgba(234, 179, 8, 0.18)',
};

/** The aligned columns uPlot draws: x, actual, P10, P90, P50, past P50, posted actual. */
export function forecastColumns(data: ForecastChartData): uPlot.AlignedData {
  const dates = new Set<string>();
  for (const d of data.days) dates.add(d.date);
  for (const p of data.forecast) dates.add(p.date);
  const xs = [...dates].sort();
  const index = new Map(xs.map((d, i) => [d, i]));
  const col = (): (number | null)[] => xs.map(() => null);
  const actual = col();
  const p10 = col();
  const p90 = col();
  const p50 = col();
  const past = col();
  const posted = col();
  for (const d of data.days) {
    const i = index.get(d.date) ?? -1;
    actual[i] = d.value;
    if (d.posted_actual !== undefined) posted[i] = d.posted_actual;
  }
  for (const p of data.forecast) {
    const i = index.get(p.date) ?? -1;
    p10[i] = p.p10;
    p50[i] = p.p50;
    p90[i] = p.p90;
  }
  for (const p of data.past) {
    const i = index.get(p.date);
    if (i !== undefined) past[i] = p.p50;
  }
  return [xs.map(toSec), actual, p10, p90, p50, past, posted];
}

/** The holiday days of the chart (history and forecast), as epoch seconds. */
function holidaySeconds(data: ForecastChartData): number[] {
  const days = new Set<string>();
  for (const d of data.days) if (d.holiday) days.add(d.date);
  for (const p of data.forecast) if (p.holiday) days.add(p.date);
  return [...days].map(toSec);
}

/** Shades statutory holidays behind the lines. */
function holidayShading(holidays: number[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.fillStyle = COLORS.holiday;
        for (const s of holidays) {
          const x0 = u.valToPos(s, 'x', true);
          const x1 = u.valToPos(s + DAY_S, 'x', true);
          ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
        }
        ctx.restore();
      },
    },
  };
}

/**
 * Draws history, the P10–P90 band and P50 ahead, earlier forecasts and posted actuals, holidays
 * shaded, into `el`; returns the chart (call `destroy()` before drawing again).
 */
export function drawForecastChart(
  el: HTMLElement,
  data: ForecastChartData,
  width = Math.max(320, el.clientWidth || 800),
  height = 260,
): uPlot {
  const line = (
    label: string,
    stroke: string,
    extra: Partial<uPlot.Series> = {},
  ): uPlot.Series => ({
    label,
    stroke,
    width: 1.5,
    spanGaps: false,
    points: { show: false },
    value: (_u, v) => (v === null || v === undefined ? '–' : v.toFixed(2)),
    ...extra,
  });
  const opts: uPlot.Options = {
    title: data.title,
    width,
    height,
    scales: { x: { time: true } },
    axes: [{}, { label: data.unit, size: 60 }],
    series: [
      {
        label: 'day',
        value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)),
      },
      line('actual', COLORS.actual, { width: 1.25 }),
      line('P10', COLORS.edge, { width: 1 }),
      line('P90', COLORS.edge, { width: 1 }),
      line('P50', COLORS.p50, { width: 2 }),
      line('past P50', COLORS.past, { dash: [4, 3] }),
      line('posted actual', COLORS.posted, {
        stroke: COLORS.posted,
        paths: () => null,
        points: { show: true, size: 6, fill: COLORS.posted },
      }),
    ],
    bands: [{ series: [3, 2], fill: COLORS.band }],
    plugins: [holidayShading(holidaySeconds(data))],
    legend: { live: true },
  };
  return new uPlot(opts, forecastColumns(data), el);
}

/** A bar chart of named values (a leaderboard's WAPE), the marked bars in another colour. */
export function drawBarChart(
  el: HTMLElement,
  title: string,
  labels: string[],
  values: number[],
  marked: boolean[],
  width = Math.max(320, el.clientWidth || 800),
  height = 240,
): uPlot {
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  const opts: uPlot.Options = {
    title,
    width,
    height,
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5] },
      y: { range: (_u, _min, max) => [0, max * 1.1] },
    },
    axes: [
      {
        splits: () => labels.map((_, i) => i),
        values: (_u, splits) => splits.map((s) => labels[s] ?? ''),
      },
      { label: 'WAPE', size: 60 },
    ],
    series: [
      {},
      {
        label: 'WAPE',
        paths: bars,
        points: { show: false },
        fill: '#2563eb',
        stroke: '#1e40af',
      },
      {
        label: 'seasonal naive',
        paths: bars,
        points: { show: false },
        fill: '#f59e0b',
        stroke: '#b45309',
      },
    ],
    legend: { show: true },
  };
  const xs = labels.map((_, i) => i);
  const plain = values.map((v, i) => (marked[i] ? null : v));
  const base = values.map((v, i) => (marked[i] ? v : null));
  return new uPlot(opts, [xs, plain, base], el);
}

/** Lines over the horizon steps 1..n (residual statistics per model). */
export function drawHorizonChart(
  el: HTMLElement,
  title: string,
  yLabel: string,
  steps: number[],
  lines: { label: string; values: (number | null)[] }[],
  width = Math.max(320, el.clientWidth || 800),
  height = 240,
): uPlot {
  const palette = ['#1d4ed8', '#f59e0b', '#047857', '#b91c1c', '#7c3aed', '#0e7490'];
  const opts: uPlot.Options = {
    title,
    width,
    height,
    scales: { x: { time: false } },
    axes: [{ label: 'days ahead' }, { label: yLabel, size: 60 }],
    series: [
      { label: 'day ahead' },
      ...lines.map((l, i) => ({
        label: l.label,
        stroke: palette[i % palette.length],
        width: 1.5,
        points: { show: true, size: 4 },
      })),
    ],
  };
  return new uPlot(opts, [steps, ...lines.map((l) => l.values)], el);
}
