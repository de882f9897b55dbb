// What rounding at the edge costs the cached /predict hot path (docs/BENCHMARKS.md, "numbers a
// person reads"): the response points of a 7-day slice of a float32 forecast built by
// src/serving/forecast-window.ts and serialised, with the values as they are and rounded to the
// gram. Run `node dist/bench/wire-rounding.probe.js` after `npm run build`.
import { roundKg } from '../src/common/wire-numbers.js';
import type { Forecast } from '../src/forecasting/forecast.types.js';
import { slice } from '../src/serving/forecast-window.js';

const H = 28;
const f32 = (): number[] =>
  Array.from(new Float32Array(Array.from({ length: H }, (_, i) => 5 + ((i * 7.31) % 40))));
const forecast: Forecast = {
  seriesId: 'a',
  dates: Array.from({ length: H }, (_, i) => `2023-07-${String(i + 1).padStart(2, '0')}`),
  mean: f32(),
  quantiles: { p10: f32(), p50: f32(), p90: f32() },
};
const asIs = (x: number): number => x;
const N = 200_000;
let sink = 0;

function microsPerResponse(round: (x: number) => number): number {
  const t = performance.now();
  for (let k = 0; k < N; k++)
    sink += JSON.stringify(slice(forecast, '2023-07-01', 7, 'cache', round)).length;
  return ((performance.now() - t) / N) * 1000;
}

const times: Record<'unrounded' | 'rounded', number[]> = { unrounded: [], rounded: [] };
for (let r = 0; r < 6; r++) {
  times.unrounded.push(microsPerResponse(asIs));
  times.rounded.push(microsPerResponse(roundKg));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
process.stdout.write(
  `7-day slice + JSON.stringify, µs per response (median of 6 alternating rounds of ${N}): ` +
    `unrounded ${median(times.unrounded).toFixed(2)}, rounded ${median(times.rounded).toFixed(2)} ` +
    `(sink ${sink % 10})\n`,
);
