import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ensureRequestId,
  isSaneRequestId,
  requestIdOf,
} from '../../../../src/common/request-id/request-id.js';

function fakeRequest(header?: string | string[]): IncomingMessage {
  return { headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage;
}

function fakeResponse(): ServerResponse & { headers: Record<string, unknown> } {
  const headers: Record<string, unknown> = {};
  return {
    headers,
    headersSent: false,
    setHeader(name: string, value: unknown) {
      headers[name] = value;
      return this;
    },
  } as unknown as ServerResponse & { headers: Record<string, unknown> };
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

  it('keeps a sane incoming id, echoes it, and returns the same id later', () => {
    const req = fakeRequest('client-42');
    const res = fakeResponse();
    expect(ensureRequestId(req, res)).toBe('client-42');
    expect(res.headers['x-request-id']).toBe('client-42');
    expect(requestIdOf(req)).toBe('client-42');
    expect(ensureRequestId(req)).toBe('client-42');
  });

  it('generates a UUID when the incoming id is missing or not sane', () => {
    for (const header of [undefined, 'bad id!', 'x'.repeat(200), ['a', 'b']]) {
      const req = fakeRequest(header);
      const id = ensureRequestId(req, fakeResponse());
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(ensureRequestId(fakeRequest())).not.toBe(ensureRequestId(fakeRequest()));
  });
});
