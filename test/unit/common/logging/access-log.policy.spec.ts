import { AccessLogPolicy } from '../../../../src/common/logging/access-log.policy.js';
import { loggingConfigSchema } from '../../../../src/config/logging.config.js';
import { applyEnvOverrides } from '../../../../src/config/env-overrides.js';

const defaults = () => loggingConfigSchema.parse({}).access;

describe('AccessLogPolicy', () => {
  it('logs every request by default, hot routes only when they fail or are sampled', () => {
    let draws = 0;
    const policy = new AccessLogPolicy(defaults(), () => (draws++ % 100 === 0 ? 0.001 : 0.5));
    expect(policy.shouldLog('GET', '/status', 200)).toBe(true);
    expect(policy.shouldLog('GET', 'unmatched', 404)).toBe(true);
    expect(policy.shouldLog('GET', '/metrics', 200)).toBe(false);
    expect(policy.shouldLog('GET', '/metrics', 500)).toBe(true);
    expect(policy.shouldLog('GET', '/health/ready', 200)).toBe(false);
    expect(policy.shouldLog('GET', '/health/ready', 503)).toBe(true);
    expect(policy.shouldLog('GET', '/health', 200)).toBe(false);
    // POST /predict: 1 in 100 successes (the random draws), every error.
    const logged = Array.from({ length: 1000 }, () => policy.shouldLog('POST', '/predict', 200));
    expect(logged.filter(Boolean)).toHaveLength(10);
    expect(policy.shouldLog('POST', '/predict', 400)).toBe(true);
    expect(policy.shouldLog('POST', '/predict/batch', 202)).toBe(true);
  });

  it('takes rules from config and environment: first match wins, method and prefix match', () => {
    const tree: Record<string, unknown> = {};
    applyEnvOverrides(tree, {
      FRESHCAST_LOGGING__ACCESS__MODE: 'errors-only',
      FRESHCAST_LOGGING__ACCESS__ROUTES:
        '[{"route":"/models*","method":"post","mode":"all"},{"route":"/models*","mode":"off"},{"route":"/predict","mode":"sampled"}]',
    });
    const access = loggingConfigSchema.parse(tree.logging).access;
    const policy = new AccessLogPolicy(access, () => 0.5);
    expect(policy.shouldLog('POST', '/models/:id/promote', 200)).toBe(true);
    expect(policy.shouldLog('GET', '/models', 500)).toBe(false);
    expect(policy.shouldLog('GET', '/status', 200)).toBe(false);
    expect(policy.shouldLog('GET', '/status', 404)).toBe(true);
    // sampled without its own rate: logging.access.sampleRate (0.01) against a draw of 0.5.
    expect(policy.shouldLog('POST', '/predict', 200)).toBe(false);
  });

  it('refuses a mode or rate it does not know', () => {
    expect(loggingConfigSchema.safeParse({ access: { mode: 'some' } }).success).toBe(false);
    expect(loggingConfigSchema.safeParse({ access: { sampleRate: 2 } }).success).toBe(false);
  });
});
