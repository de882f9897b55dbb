import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { AdminGuard, API_KEY_HEADER } from './admin.guard.js';

/** Marks a controller or handler as admin-only: AdminGuard, the Swagger security scheme and 401/403. */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiSecurity(API_KEY_HEADER),
    ApiErrorResponses(401, 403),
  );
}
