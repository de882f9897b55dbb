import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import {
  compilePredictRequestValidator,
  predictRequestShapeProblem,
  type PredictRequest,
  type PredictRequestCheck,
} from './dto/predict-request.validator.js';

/**
 * Validates a POST /predict body: every rule of the request is checked here, once. First the
 * fields against the configured `serving` limits with the precompiled check (no
 * class-transformer / class-validator per request), then the rules across fields. A bad body is
 * the same `validation_failed` envelope with `[{field, message}]` details the global
 * ValidationPipe gives.
 */
@Injectable()
export class PredictRequestPipe implements PipeTransform<unknown, PredictRequest> {
  private readonly check: (body: unknown) => PredictRequestCheck;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.check = compilePredictRequestValidator(config.serving);
  }

  transform(value: unknown): PredictRequest {
    const r = this.check(value);
    if (!r.ok) throw new RequestValidationError(r.errors);
    const problem = predictRequestShapeProblem(r.value);
    if (problem) throw new RequestValidationError([problem]);
    return r.value;
  }
}
