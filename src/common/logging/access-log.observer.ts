import { Logger } from '@nestjs/common';
import { clientKeyRing } from '../auth/client-keys.js';
import { requestClient } from '../auth/request-client.js';
import type { AuthConfig } from '../../config/auth.config.js';
import type { ResponseObserver } from '../http/response-observers.hook.js';
import type { AccessLogPolicy } from './access-log.policy.js';
import { RefusalLogLimiter } from './refusal-log.limiter.js';

/** One access line's fields. */
export interface AccessLine {
  msg: string;
  reqId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  /** The key's configured name (`admin` for the admin key) when the request presented one. */
  client?: string;
  /** On a 429's line: the 429s left without a line since the previous one (RefusalLogLimiter). */
  refusalsNotLogged?: number;
}

/**
 * One access line per answered request the policy picks (`logging.access`),
 * through the app's logger under the `access` context; 5xx answers at level warn (the
 * fault itself has its own line), others at info.
 * Nothing is built for a request that is not logged. `client` names the key a request presented.
 * Refusals (429) get at most `refusals`' rate of lines, so a client past its budget cannot flood the log.
 */
export function accessLogObserver(
  policy: AccessLogPolicy,
  auth: AuthConfig,
  logger: Logger = new Logger('access'),
  refusals: RefusalLogLimiter = new RefusalLogLimiter(),
): ResponseObserver {
  return (req, reply, route) => {
    const status = reply.statusCode;
    const logs = policy.shouldLog(req.method, route, status);
    const leftOut = logs && status === 429 ? refusals.admit() : 0;
    if (logs && leftOut !== null) {
      const line: AccessLine = {
        msg: `${req.method} ${route} ${status}`,
        reqId: req.id,
        method: req.method,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      };
      // Resolved by the key guard, or here for a request refused before it (only for lines written).
      const client = requestClient(req, clientKeyRing(auth));
      if (client !== null) line.client = client.name;
      if (leftOut > 0) line.refusalsNotLogged = leftOut;
      if (status >= 500) logger.warn(line);
      else logger.log(line);
    }
  };
}
