/**
 * The longest forecast horizon, in days, anywhere in freshcast: training (`forecasting.horizon`,
 * `--horizon`), the neural kinds, `/predict` and `/forecasts` validation, jobs, the CLI and the
 * console's form. A model's own horizon (at most this) is checked after validation.
 *
 * DOM-free and import-free: the web console imports it too.
 */
export const MAX_HORIZON_DAYS = 60;
