import {
  redactUrlPassword,
  sanitizeForLog,
  secretValuesOf,
} from '../../../../src/common/logging/redact.js';
import { redactConfig } from '../../../../src/config/config.loader.js';
import { testConfig } from '../../../helpers/test-config.js';

describe('redaction', () => {
  it('masks URL passwords and keeps the rest of the URL', () => {
    expect(redactUrlPassword('at redis://:pw@h:6379/0 and rediss://u:p%40ss@h2')).toBe(
      'at redis://:***@h:6379/0 and rediss://u:***@h2',
    );
    expect(redactUrlPassword('redis://h:6379 user@example.com')).toBe(
      'redis://h:6379 user@example.com',
    );
  });

  it('sanitizes a structure: secret fields at any depth, URL passwords in strings', () => {
    expect(
      sanitizeForLog({
        auth: { adminApiKey: 'k', clientApiKeys: [{ name: 'shop', sha256: 'ab' }] },
        queue: { redisUrl: 'redis://:pw@h' },
        aws: { secretAccessKey: 's', sessionToken: 't', region: 'eu' },
        headers: { 'x-api-key': 'x', Authorization: 'Bearer y', accept: '*/*' },
        empty: { password: '' },
      }),
    ).toEqual({
      auth: { adminApiKey: '***', clientApiKeys: [{ name: 'shop', sha256: '***' }] },
      queue: { redisUrl: 'redis://:***@h' },
      aws: { secretAccessKey: '***', sessionToken: '***', region: 'eu' },
      headers: { 'x-api-key': '***', Authorization: '***', accept: '*/*' },
      empty: { password: '' },
    });
  });

  it('keeps no secret in a config dump', () => {
    const config = testConfig({
      auth: { adminApiKey: 'dump-admin-key-123' },
      queue: { redisUrl: 'redis://:dump-redis-pw@h:6379' },
    });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('dump-admin-key-123');
    expect(text).not.toContain('dump-redis-pw');
  });

  it('collects the secret values of a process, not short or empty ones', () => {
    expect(
      secretValuesOf(
        { auth: { adminApiKey: 'admin-secret' }, queue: { redisUrl: 'redis://:p%40ssword@h' } },
        { AWS_SECRET_ACCESS_KEY: 'aws-secret', AWS_SESSION_TOKEN: '', REDIS_URL: 'redis://h' },
      ).sort(),
    ).toEqual(['admin-secret', 'aws-secret', 'p@ssword']);
    expect(secretValuesOf({ auth: { adminApiKey: 'abc' } }, {})).toEqual([]);
  });
});
