import { jsonNestsDeeperThan } from '../../../../src/common/http/json-depth.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('jsonNestsDeeperThan', () => {
  it('counts objects and arrays together, up to the limit included', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: '[[[[{{{{' })), 2)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: 'say \\"[[[[" ok' })), 2)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify(['\\', [[1]]])), 2)).toBe(true);
  });

  it('finds 10,000 levels without recursion', () => {
    expect(jsonNestsDeeperThan(bytes('['.repeat(10_000) + ']'.repeat(10_000)))).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":'.repeat(32) + '1' + '}'.repeat(32)))).toBe(false);
  });
});
