import {
  Inject,
  Injectable,
  Module,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { InvalidApiKeyError, MissingApiKeyError } from './auth.errors.js';
import { clientKeyRing } from './client-keys.js';
import { firstSegment, OPEN_PATHS, presentedApiKey, requestClient } from './request-client.js';

/** SageMaker's container contract: called by SageMaker itself, which never sends our keys. */
const SAGEMAKER_PATHS: readonly string[] = ['ping', 'invocations'];

/**
 * With `auth.clientApiKeys` configured, every route but the open ones (health, metrics, docs; and
 * SageMaker's /ping and /invocations in SageMaker mode) needs a configured key: none → 401,
 * an unknown one → 403. Without client keys it only resolves who the request comes from.
 */
@Injectable()
export class ClientKeyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const ring = clientKeyRing(this.config.auth);
    const client = requestClient(req, ring);
    if (!ring.required || client !== null) return true;
    const segment = firstSegment(req.url);
    if (OPEN_PATHS.includes(segment)) return true;
    if (this.config.sagemaker.enabled && SAGEMAKER_PATHS.includes(segment)) return true;
    if (presentedApiKey(req) === undefined) throw new MissingApiKeyError('a client API key');
    throw new InvalidApiKeyError();
  }
}

/** The client key guard, global. */
@Module({})
export class ClientAuthModule {
  static forRoot(): DynamicModule {
    return {
      module: ClientAuthModule,
      providers: [{ provide: APP_GUARD, useClass: ClientKeyGuard }],
    };
  }
}
