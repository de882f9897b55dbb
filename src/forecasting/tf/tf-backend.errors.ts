/** An explicitly requested tfjs backend could not be loaded or initialised (a start-up error). */
export class TfBackendUnavailableError extends Error {
  readonly code = 'TF_BACKEND_UNAVAILABLE';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`tfjs backend '${backend}' was requested but is not available: ${reason}`);
    this.name = 'TfBackendUnavailableError';
  }
}
