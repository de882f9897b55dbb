/**
 * Injection token of the extra terminus checks /health runs (`HealthIndicatorFunction[]`); a failing
 * one turns /health 503. Provide it via `HealthModule.forRoot`. Default: none.
 */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

/**
 * Injection token of the readiness checks (`ReadinessCheck[]`) /health/ready runs: 503 naming the
 * failing ones until all are up. /health shows them too. Provide it via `HealthModule.forRoot`. Default: none.
 */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
