import { normalizeIp } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { resolvedClient } from '../../common/auth/request-client.js';
import type { ClientIdentity } from '../../common/auth/client-keys.js';

/** Who asks the job routes for something: the client key (when any) and the client address. */
export interface JobRequester {
  client: ClientIdentity | null;
  /** The client address (a trusted proxy's X-Forwarded-For, see server.trustProxy); IPv6 by /64. */
  address: string;
}

export function jobRequester(req: FastifyRequest): JobRequester {
  return { client: resolvedClient(req), address: normalizeIp(req.ip) };
}
