/**
 * Injection token of the extra terminus checks /health runs (`HealthIndicatorFunction[]`: Redis ping,
 * artifact store, ...); provide it via `HealthModule.forRoot`. Default: none.
 */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
