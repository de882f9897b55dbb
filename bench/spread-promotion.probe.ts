// Reproduces the serving hot path's allocation finding on the running node (docs/BENCHMARKS.md,
// "what the tail at 3,000 req/s was"): a hot loop building `{ ...obj, a, b }` (the old response
// shape) or the same object with Object.assign, keeping the last few alive as a server keeps the
// responses in flight. Run under `node --trace-gc-nvp dist/bench/spread-promotion.probe.js
// spread|assign` and read `promoted=` per scavenge: bytes kept alive into old space.
const mode = process.argv[2] === 'assign' ? 'assign' : 'spread';
const result = {
  item_code: '102900005115779',
  target: 'quantity',
  model_id: 'quantity-mlp-20261129T112210Z-1b865c',
  forecast: Array.from({ length: 7 }, (_, i) => ({
    date: `2023-07-0${i + 1}`,
    p10: 1,
    p50: 2,
    p90: 3,
  })),
  cached: true,
};
const inFlight: object[] = new Array<object>(64);
let sink = 0;
const start = Date.now();
for (let i = 0; Date.now() - start < 3000; i++) {
  const out =
    mode === 'spread'
      ? { ...result, request_id: `r-${i}`, processing_time_ms: i % 7 }
      : Object.assign({}, result, { request_id: `r-${i}`, processing_time_ms: i % 7 });
  inFlight[i % 64] = out;
  sink += out.processing_time_ms;
}
process.stdout.write(`mode ${mode} sink ${sink}\n`);
