import helmet from 'helmet';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SECURITY_HEADER_OPTIONS,
  securityHeaders,
} from '../../../../src/common/http/security-headers.js';

/** The headers helmet itself sets on a real response, through a real server. */
async function helmetOnARealResponse(): Promise<Record<string, string>> {
  const middleware = helmet(SECURITY_HEADER_OPTIONS);
  const server: Server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (
        !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)
      )
        headers[name] = value;
    });
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('securityHeaders', () => {
  it("equals what helmet's middleware sets on a real response", async () => {
    expect(securityHeaders()).toEqual(await helmetOnARealResponse());
  });

  it('keeps the CSP without upgrade-insecure-requests and sets the usual headers', () => {
    const headers = securityHeaders();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(Object.isFrozen(headers)).toBe(true);
  });
});
