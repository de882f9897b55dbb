import type { FastifyReply, FastifyRequest } from 'fastify';
import { runWithLogContext } from './log-context.js';

type Hook = (req: FastifyRequest, reply: FastifyReply, done: () => void) => void;

/**
 * Fastify hooks that put the request id in the log context of everything the request runs
 * (guards, handlers, services, filters): `onRequest` enters it, and `preValidation` enters it again
 * in case the body was read in the socket's context rather than the request's (Node 24 keeps it;
 * older runtimes may not).
 */
export const requestContextHook: Hook = (req, _reply, done) => {
  runWithLogContext({ reqId: req.id }, done);
};
