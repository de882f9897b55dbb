import { AppError } from '../common/errors/app-error.js';
import type { ErrorDetails } from '../common/errors/error-envelope.js';

/** What went wrong in the model registry; each code has one HTTP status (see REGISTRY_ERROR_STATUS). */
export type RegistryErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ID'
  | 'INVALID_ARGUMENT'
  | 'GATE_FAILED'
  | 'FORBIDDEN_DELETE'
  | 'CONFLICT'
  | 'CORRUPT_MANIFEST'
  | 'CORRUPT_STATE';

export const REGISTRY_ERROR_STATUS: Record<RegistryErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_ID: 400,
  INVALID_ARGUMENT: 400,
  GATE_FAILED: 422,
  FORBIDDEN_DELETE: 409,
  CONFLICT: 409,
  CORRUPT_MANIFEST: 422,
  CORRUPT_STATE: 422,
};

/**
 * The registry's one error type. `registryCode` is the machine-readable reason; the envelope code
 * (`code`) is its lower-case form (`gate_failed`, ...) and `status` its HTTP status.
 */
export class RegistryError extends AppError {
  readonly registryCode: RegistryErrorCode;

  constructor(
    registryCode: RegistryErrorCode,
    message: string,
    details: ErrorDetails = null,
    cause?: unknown,
  ) {
    super(REGISTRY_ERROR_STATUS[registryCode], message, {
      code: registryCode.toLowerCase(),
      details,
      cause,
    });
    this.registryCode = registryCode;
  }
}

export function isRegistryError(err: unknown, code?: RegistryErrorCode): err is RegistryError {
  return err instanceof RegistryError && (code === undefined || err.registryCode === code);
}

/**
 * Whether resolving a model reference failed because the registry holds no such model (unknown
 * version, malformed id, an alias or stage it does not know), not because the registry itself failed.
 */
export function isUnknownModelRef(err: unknown): boolean {
  return (
    isRegistryError(err, 'NOT_FOUND') ||
    isRegistryError(err, 'INVALID_ID') ||
    isRegistryError(err, 'INVALID_ARGUMENT')
  );
}
