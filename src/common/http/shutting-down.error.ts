import { AppError } from '../errors/app-error.js';

/** A request that reached the server after it began to close (on a connection still open). */
export class ShuttingDownError extends AppError {
  constructor() {
    const message =
      'The server is shutting down; send the request again (another instance answers it)';
    super(503, message, { code: 'shutting_down' });
  }
}
