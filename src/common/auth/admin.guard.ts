import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { AdminDisabledError, InvalidApiKeyError, MissingApiKeyError } from './auth.errors.js';
import { clientKeyRing } from './client-keys.js';
import { presentedApiKey, requestClient } from './request-client.js';

export { API_KEY_HEADER } from './request-client.js';

/**
 * Lets a request through only with an admin key in `x-api-key`: `auth.adminApiKey`, or a client key
 * of role `admin`. No key sent → 401; another key → 403; no admin key configured at all → 403 for
 * everyone (admin disabled).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { auth } = this.config;
    if (auth.adminApiKey === '' && !auth.clientApiKeys.some((k) => k.role === 'admin'))
      throw new AdminDisabledError();
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (presentedApiKey(req) === undefined) throw new MissingApiKeyError();
    if (requestClient(req, clientKeyRing(auth))?.role !== 'admin') throw new InvalidApiKeyError();
    return true;
  }
}
