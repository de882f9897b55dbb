import { AppError } from '../errors/app-error.js';

export class UnsupportedContentTypeError extends AppError {
  constructor(got: string | undefined, accepted: readonly string[]) {
    const shown = got && got.length > 100 ? `${got.slice(0, 100)}...` : got;
    super(
      415,
      `Content type ${shown ? `'${shown}'` : '(none)'} is not supported here; send ${accepted.join(' or ')}`,
      { code: 'unsupported_media_type', details: { accepted: [...accepted] } },
    );
  }
}
