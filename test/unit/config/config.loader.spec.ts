import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, redactConfig } from '../../../src/config/config.loader.js';

describe('loadConfig', () => {
  const temps: string[] = [];
  /** An empty folder for a test's own config files, removed after the test. */
  const tempConfigDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'fc-config-'));
    temps.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dir = join(process.cwd(), 'config');

  it('loads the embedded defaults', () => {
    const c = loadConfig({ dir, env: {} });
    expect(c.server.port).toBe(3000);
    expect(c.storage.driver).toBe('disk');
    expect(c.forecasting.backend).toBe('auto');
    expect(c.queue.redisUrl).toBe('');
  });

  it('applies the per-environment file then env variables', () => {
    const c = loadConfig({
      dir,
      env: {
        NODE_ENV: 'test',
        FRESHCAST_SERVER__BODY_LIMIT: '2mb',
        REDIS_URL: 'redis://127.0.0.1:6379',
      },
    });
    expect(c.server.port).toBe(0);
    expect(c.data.demo.items).toBe(30);
    expect(c.server.bodyLimit).toBe('2mb');
    expect(c.queue.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('stops on an invalid value and names the key and the expected form', () => {
    expect(() => loadConfig({ dir, env: { FRESHCAST_TF_BACKEND: 'tpu' } })).toThrow(ConfigError);
    expect(() => loadConfig({ dir, env: { FRESHCAST_TF_BACKEND: 'tpu' } })).toThrow(
      /forecasting\.backend.*auto.*wasm/s,
    );
    expect(() => loadConfig({ dir, env: { PORT: 'eighty' } })).toThrow(/server\.port/);
    expect(() => loadConfig({ dir, env: { REDIS_URL: 'localhost:6379' } })).toThrow(
      /queue\.redisUrl: a redis:\/\//,
    );
    // URLs the Redis client cannot parse: refused here, not as an unexpected `Invalid URL` later.
    for (const url of ['redis://127.0.0.1:99999', 'redis://[::1', 'redis://%zz@h', 'redis:// h'])
      expect(() => loadConfig({ dir, env: { REDIS_URL: url } })).toThrow(
        /queue\.redisUrl: a redis:\/\//,
      );
    expect(
      loadConfig({ dir, env: { REDIS_URL: 'rediss://:p%40ss@[::1]:6380/2' } }).queue.redisUrl,
    ).toBe('rediss://:p%40ss@[::1]:6380/2');
  });

  it('requires a bucket when the s3 driver is chosen', () => {
    expect(() => loadConfig({ dir, env: { FRESHCAST_STORAGE: 's3' } })).toThrow(
      /storage\.s3\.bucket/,
    );
    expect(
      loadConfig({ dir, env: { FRESHCAST_STORAGE: 's3', FRESHCAST_S3_BUCKET: 'b' } }).storage.s3
        .bucket,
    ).toBe('b');
  });

  it('rejects a YAML file that is not a mapping', () => {
    const d = tempConfigDir();
    writeFileSync(join(d, 'default.yaml'), '- a\n- b\n');
    expect(() => loadConfig({ dir: d, env: {} })).toThrow(/YAML mapping/);
  });

  it('says that the defaults are missing, on one line, when the folder has no default.yaml', () => {
    const d = tempConfigDir();
    expect(() => loadConfig({ dir: d, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ dir: d, env: {} })).toThrow(
      new ConfigError(
        `no configuration: ${join(d, 'default.yaml')} does not exist; run freshcast from the folder that holds config/default.yaml`,
      ),
    );
  });

  it('redacts secrets', () => {
    const c = loadConfig({ dir, env: { FRESHCAST_ADMIN_API_KEY: 's3cret' } });
    expect(c.auth.adminApiKey).toBe('s3cret');
    expect(JSON.stringify(redactConfig(c))).not.toContain('s3cret');
  });
});

describe('boolean flags from the environment', () => {
  it('reads "false" as false (not as a non-empty string)', () => {
    const dir = join(process.cwd(), 'config');
    expect(
      loadConfig({ dir, env: { FRESHCAST_STORAGE__S3__FORCE_PATH_STYLE: 'false' } }).storage.s3
        .forcePathStyle,
    ).toBe(false);
    expect(
      loadConfig({ dir, env: { FRESHCAST_STORAGE__S3__FORCE_PATH_STYLE: 'true' } }).storage.s3
        .forcePathStyle,
    ).toBe(true);
    expect(() =>
      loadConfig({ dir, env: { FRESHCAST_STORAGE__S3__FORCE_PATH_STYLE: 'yes please' } }),
    ).toThrow(/forcePathStyle/);
  });

  it('gives the registry section its defaults', () => {
    const c = loadConfig({ dir: join(process.cwd(), 'config'), env: {} });
    expect(c.registry.gates.mustBeatSeasonalNaive).toBe(true);
  });
});
