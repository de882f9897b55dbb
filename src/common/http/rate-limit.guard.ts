import { Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../../config/rate-limit.config.js';
import { API_KEY_HEADER } from '../auth/admin.guard.js';
import { FixedWindowRateLimitStorage } from './rate-limit.storage.js';

/** Paths never limited: probes, scrapes and the API docs (first path segment). */
export const RATE_LIMIT_EXEMPT_PATHS: readonly string[] = [
  'health',
  'metrics',
  'docs',
  'docs-json',
];

/** The first segment of a request URL's path (`/health/ready?x=1` → `health`). */
export function firstSegment(url: string): string {
  const path = url.split('?', 1)[0];
  return path.split('/').find((s) => s !== '') ?? '';
}

/**
 * The client a request is counted against: its `x-api-key` (hashed, never kept in clear) when sent,
 * else its IP. Undefined when neither is known.
 */
export function rateLimitClientKey(apiKey: string | string[] | undefined): string | undefined {
  const key = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  if (key === undefined || key === '') return undefined;
  return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * Global rate limit: one budget per client (API key, else IP) per fixed window; over budget → 429 in the
 * error envelope with `Retry-After` (seconds). /health, /metrics and /docs are exempt.
 */
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const headers = (req as unknown as FastifyRequest).headers;
    return rateLimitClientKey(headers[API_KEY_HEADER]) ?? `ip:${await super.getTracker(req)}`;
  }

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
    return Promise.resolve(
      `Too many requests: the limit is ${detail.limit} per ${windowSec} s per client; ` +
        `retry after ${detail.timeToBlockExpire} s`,
    );
  }
}

/** ThrottlerModule with `RateLimitGuard` as a global guard; nothing at all when disabled. */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    if (!config.enabled) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: config.ttlSec * 1000, limit: config.limit }],
          // Fixed window, O(1) per request (the default storage filters every hit of the window).
          storage: new FixedWindowRateLimitStorage(),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
