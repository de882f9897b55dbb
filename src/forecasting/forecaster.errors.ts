/**
 * Typed errors of the forecasting module. Plain TypeScript (no HTTP status here): services map the
 * `code` to their envelope (UNKNOWN_KIND, UNKNOWN_SERIES, INSUFFICIENT_HISTORY, HORIZON_EXCEEDS_FIT,
 * INVALID_CUTOFF, INVALID_PARAMS, MISSING_TARGET, INVALID_ARTIFACT and NOT_A_MODEL_DIR are bad
 * input; NOT_FITTED is a caller bug).
 */
export enum ForecasterErrorCode {
  UnknownKind = 'UNKNOWN_KIND',
  NotFitted = 'NOT_FITTED',
  UnknownSeries = 'UNKNOWN_SERIES',
  InsufficientHistory = 'INSUFFICIENT_HISTORY',
  HorizonExceedsFit = 'HORIZON_EXCEEDS_FIT',
  InvalidCutoff = 'INVALID_CUTOFF',
  InvalidParams = 'INVALID_PARAMS',
  MissingTarget = 'MISSING_TARGET',
  InvalidArtifact = 'INVALID_ARTIFACT',
  NotAModelDir = 'NOT_A_MODEL_DIR',
}

export type ForecasterErrorDetails = Readonly<Record<string, unknown>>;

export class ForecasterError extends Error {
  readonly code: ForecasterErrorCode;
  readonly details: ForecasterErrorDetails;

  constructor(code: ForecasterErrorCode, message: string, details: ForecasterErrorDetails = {}) {
    super(message);
    this.name = 'ForecasterError';
    this.code = code;
    this.details = details;
  }
}

/** Thrown by the registry for a kind it does not know; the message lists the known kinds. */
export class UnknownForecasterKindError extends ForecasterError {
  constructor(kind: string, known: readonly string[]) {
    super(
      ForecasterErrorCode.UnknownKind,
      `Unknown forecaster kind '${kind}'; known kinds: ${known.join(', ')}`,
      { kind, known: [...known] },
    );
    this.name = 'UnknownForecasterKindError';
  }
}
