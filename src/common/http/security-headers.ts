import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The security headers (helmet's) every response carries. No upgrade-insecure-requests: the API and
 * its Swagger UI are often served over plain HTTP behind a load balancer, where upgrading the UI's
 * asset requests would break it.
 */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

/**
 * Helmet's headers for `options`, computed once. They depend on nothing in the request (no CSP
 * nonces here), so the hook that sends them copies this object instead of running helmet's eleven
 * middlewares on every request (≈ 7 % of the CPU of a cached /predict).
 */
export function securityHeaders(
  options: Readonly<HelmetOptions> = SECURITY_HEADER_OPTIONS,
): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: number | string | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let finished = false;
  helmet(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    failure = err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  if (failure !== undefined)
    throw failure instanceof Error ? failure : new Error('helmet failed', { cause: failure });
  return Object.freeze(headers);
}
