import { validateKey, validatePrefix } from '../../../src/storage/storage-key.js';
import { normalizeS3Prefix } from '../../../src/storage/s3.driver.js';

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('artifact keys', () => {
  it.each([
    'a',
    'registry/quantity/versions/x/manifest.json',
    'a-b_c=d+e@f:g,h/i~j.k',
    'weights/group1-shard1of1.bin',
  ])('accepts %j', (key) => expect(validateKey(key)).toBe(key));

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['a/../b', 'segment starts with'],
    ['..', 'segment starts with'],
    ['./a', 'segment starts with'],
    ['a/.hidden', 'segment starts with'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['a\\b', 'backslash'],
    ['a\u0000b', 'control'],
    ['a\nb', 'control'],
    ['x'.repeat(1025), 'longer than'],
  ])('refuses %j (%s)', (key, why) => {
    const err = thrown(() => validateKey(key));
    expect(err).toMatchObject({ code: 'INVALID_KEY' });
    expect((err as Error).message).toContain(why);
  });

  it('accepts listing prefixes with or without a trailing slash, and the empty prefix', () => {
    expect(validatePrefix('')).toBe('');
    expect(validatePrefix('registry/')).toBe('registry/');
    expect(validatePrefix('registry/quan')).toBe('registry/quan');
    expect(thrown(() => validatePrefix('../'))).toMatchObject({ code: 'INVALID_KEY' });
    expect(thrown(() => validatePrefix('a//'))).toMatchObject({ code: 'INVALID_KEY' });
  });

  it('normalises S3 prefixes', () => {
    expect(normalizeS3Prefix('')).toBe('');
    expect(normalizeS3Prefix(undefined)).toBe('');
    expect(normalizeS3Prefix('/freshcast/prod/')).toBe('freshcast/prod/');
    expect(thrown(() => normalizeS3Prefix('a/../b'))).toMatchObject({ code: 'INVALID_KEY' });
  });
});
