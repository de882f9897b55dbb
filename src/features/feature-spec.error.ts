export type FeatureSpecErrorCode =
  'UNKNOWN_OP' | 'BAD_PARAM' | 'DUPLICATE_NAME' | 'MISSING_TARGET' | 'UNSUPPORTED_VERSION';

/** A FeatureSpec that cannot be computed as written. */
export class FeatureSpecError extends Error {
  constructor(
    readonly code: FeatureSpecErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeatureSpecError';
  }
}
