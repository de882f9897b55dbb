import { AppError } from '../errors/app-error.js';

export class MissingApiKeyError extends AppError {
  constructor(what = 'an admin API key') {
    super(401, `This route needs ${what} in the x-api-key header`, {
      code: 'api_key_missing',
    });
  }
}

export class InvalidApiKeyError extends AppError {
  constructor() {
    super(403, 'The API key is not valid for this route', { code: 'api_key_invalid' });
  }
}

export class AdminDisabledError extends AppError {
  constructor() {
    super(
      403,
      'Admin routes are disabled: no admin API key is configured (auth.adminApiKey / FRESHCAST_ADMIN_API_KEY, or a client key of role admin)',
      { code: 'admin_disabled' },
    );
  }
}
