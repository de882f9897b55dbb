import type { IncomingMessage } from 'node:http';
import { isSaneRequestId, requestIdFor } from '../../../../src/common/request-id/request-id.js';

function fakeRequest(header?: string | string[]): Pick<IncomingMessage, 'headers'> {
  return { headers: header === undefined ? {} : { 'x-request-id': header } };
}

describe('request id', () => {
  it('accepts 1-128 characters of [A-Za-z0-9._-] only', () => {
    expect(isSaneRequestId('abc-DEF_1.2')).toBe(true);
    expect(isSaneRequestId('a'.repeat(128))).toBe(true);
    expect(isSaneRequestId('a'.repeat(129))).toBe(false);
    expect(isSaneRequestId('')).toBe(false);
    expect(isSaneRequestId('has space')).toBe(false);
    expect(isSaneRequestId('x\r\ninjected: 1')).toBe(false);
    expect(isSaneRequestId(['a', 'b'])).toBe(false);
  });

  it('keeps a sane incoming id', () => {
    expect(requestIdFor(fakeRequest('client-42'))).toBe('client-42');
  });

  it('generates a UUID when the incoming id is missing or not sane', () => {
    for (const header of [undefined, 'bad id!', 'x'.repeat(200), ['a', 'b']]) {
      expect(requestIdFor(fakeRequest(header))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    expect(requestIdFor(fakeRequest())).not.toBe(requestIdFor(fakeRequest()));
  });
});
