import type { AppConfig } from '../../src/config/app-config.schema.js';
import { loadConfig } from '../../src/config/config.loader.js';

/** The test configuration (config/test.yaml, no environment variables) with `overrides` on top. */
export function testConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides });
}
