/**
 * The largest seed of a fit, a backtest or a tune (the seeds start at 0): `--seed` of `train`,
 * `backtest` and `tune`, `seed` of `POST /admin/retrain` and `POST /admin/tune`, their job payloads
 * and `forecasting.seed`. The layer seeds of a network are derived from it modulo 2^31 − 1, which
 * stays exact only for seeds this small. (`data generate` draws data, not fits: any safe integer.)
 */
export const MAX_FIT_SEED = 2 ** 31 - 1;
