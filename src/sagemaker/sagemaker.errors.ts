import { AppError } from '../common/errors/app-error.js';
import type { FieldError } from '../common/errors/error-envelope.js';

/** An /invocations body that does not follow the DeepAR request shape; details name the fields. */
export class InvalidInvocationError extends AppError {
  constructor(fields: FieldError[]) {
    super(400, `invocation rejected: ${fields[0]?.message ?? 'invalid request'}`, {
      code: 'invalid_invocation',
      details: fields,
    });
  }
}

/** /invocations before the model folder is loaded (or after it failed to load). */
export class SageMakerModelNotReadyError extends AppError {
  constructor(state: string) {
    super(503, `the model is not loaded (state: ${state}); retry once GET /ping answers 200`, {
      code: 'model_not_ready',
      details: { state },
    });
  }
}
