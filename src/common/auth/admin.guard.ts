import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { apiKeysEqual } from './api-key.compare.js';
import { AdminDisabledError, InvalidApiKeyError, MissingApiKeyError } from './auth.errors.js';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Lets a request through only with the configured admin key in `x-api-key`. No key sent → 401; a wrong
 * key → 403; no key configured → 403 for everyone (admin disabled).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.auth.adminApiKey;
    if (expected === '') throw new AdminDisabledError();
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers[API_KEY_HEADER];
    const presented = Array.isArray(header) ? header[0] : header;
    if (presented === undefined || presented === '') throw new MissingApiKeyError();
    if (!apiKeysEqual(presented, expected)) throw new InvalidApiKeyError();
    return true;
  }
}
