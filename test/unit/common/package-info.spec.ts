import { readFileSync } from 'node:fs';
import { packageVersion } from '../../../src/common/package-info.js';

describe('packageVersion', () => {
  it('reads the version of freshcast from package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
