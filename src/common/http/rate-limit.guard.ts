import { Module, SetMetadata, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import {
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../config/auth.config.js';
import type { RateLimitConfig } from '../../config/rate-limit.config.js';
import { clientKeyRing, type ClientKeyRing } from '../auth/client-keys.js';
import { firstSegment, OPEN_PATHS, requestClient } from '../auth/request-client.js';
import { FixedWindowRateLimitStorage } from './rate-limit.storage.js';

export { firstSegment } from '../auth/request-client.js';

const JOB_SUBMISSION = 'freshcast:job-submission';

/** Marks a route that queues a job: it also counts against `rateLimit.jobSubmissions`. */
export const JobSubmission = (): MethodDecorator => SetMetadata(JOB_SUBMISSION, true);

const reflector = new Reflector();

function isJobSubmission(context: ExecutionContext): boolean {
  return reflector.get<boolean | undefined>(JOB_SUBMISSION, context.getHandler()) === true;
}

/** Paths never limited: probes, scrapes and the API docs (first path segment). */
export const RATE_LIMIT_EXEMPT_PATHS: readonly string[] = OPEN_PATHS;

/**
 * The client a request is counted against: a configured key (client key or the admin key) by its
 * name; anything else, an unknown `x-api-key` included, by its IP (IPv6 by /64). The IP is the
 * socket peer's, or the one a trusted proxy gives (`server.trustProxy`).
 */
export function rateLimitTracker(
  req: Pick<FastifyRequest, 'headers' | 'raw' | 'ip'>,
  ring: ClientKeyRing,
): string {
  const client = requestClient(req, ring);
  return client === null ? `ip:${normalizeIp(req.ip)}` : `key:${client.name}`;
}

/**
 * Global rate limit: one budget per client (configured key, else IP) per fixed window; a key may have
 * its own budget (`auth.clientApiKeys[].rateLimit`). Routes that queue jobs (`@JobSubmission()`) also
 * have a smaller budget of their own, `rateLimit.jobSubmissions`. Over budget → 429 in the error
 * envelope with `Retry-After` (seconds). /health, /metrics and /docs are exempt.
 */
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    return Promise.resolve(RATE_LIMIT_EXEMPT_PATHS.includes(firstSegment(req.url)));
  }

  /** The storage key: plain text (the default hashes it with SHA-256 on every request). */
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
  }

  protected override getErrorMessage(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<string> {
    const windowSec = Math.round(detail.ttl / 1000);
    const what = detail.key.includes('-jobs-') ? 'job submissions' : 'requests';
    return Promise.resolve(
      `Too many ${what}: the limit is ${detail.limit} per ${windowSec} s per client; ` +
        `retry after ${detail.timeToBlockExpire} s`,
    );
  }
}

/** ThrottlerModule with `RateLimitGuard` as a global guard; nothing at all when disabled. */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig, auth: AuthConfig): DynamicModule {
    if (!config.enabled) return { module: RateLimitModule };
    const ring = clientKeyRing(auth);
    const requestOf = (context: ExecutionContext): FastifyRequest =>
      context.switchToHttp().getRequest<FastifyRequest>();
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            {
              name: 'default',
              ttl: config.ttlSec * 1000,
              limit: (context) =>
                requestClient(requestOf(context), ring)?.rateLimit ?? config.limit,
            },
            {
              name: 'jobs',
              ttl: config.ttlSec * 1000,
              limit: config.jobSubmissions,
              skipIf: (context) => !isJobSubmission(context),
            },
          ],
          getTracker: (req) => rateLimitTracker(req as unknown as FastifyRequest, ring),
          // Fixed window, O(1) per request (the default storage filters every hit of the window),
          // with a bounded number of clients.
          storage: new FixedWindowRateLimitStorage(Date.now, config.maxClients),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
