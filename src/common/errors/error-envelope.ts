/** One field-level problem, as reported by request validation. */
export interface FieldError {
  /** Dotted path of the field in the request (`items.0.date`); empty for the request as a whole. */
  field: string;
  message: string;
}

/** What `details` holds: field errors, a structured object, or nothing. */
export type ErrorDetails = FieldError[] | Record<string, unknown> | null;

/** The body of every error response. */
export interface ErrorEnvelope {
  /** Stable machine-readable code (`not_found`, `validation_failed`, `model_not_found`, ...). */
  error: string;
  /** Human-readable explanation, safe to show to the caller. */
  message: string;
  details: ErrorDetails;
  /** ISO-8601 time the error was answered. */
  timestamp: string;
  /** The request id, also sent in the `x-request-id` response header. */
  request_id: string;
}
