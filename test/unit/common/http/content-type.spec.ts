import { contentTypeMatches, mediaTypeOf } from '../../../../src/common/http/content-type.js';

describe('content type', () => {
  it('reads the media type without parameters, lower-cased', () => {
    expect(mediaTypeOf('Multipart/Form-Data; boundary=xyz')).toBe('multipart/form-data');
    expect(mediaTypeOf('  text/csv ')).toBe('text/csv');
    expect(mediaTypeOf('')).toBeUndefined();
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });

  it('matches exact types and type/* wildcards', () => {
    expect(contentTypeMatches('multipart/form-data; boundary=1', ['multipart/form-data'])).toBe(
      true,
    );
    expect(contentTypeMatches('application/json', ['multipart/form-data'])).toBe(false);
    expect(contentTypeMatches('text/csv', ['application/json', 'text/*'])).toBe(true);
    expect(contentTypeMatches('textual/csv', ['text/*'])).toBe(false);
    expect(contentTypeMatches(undefined, ['text/*'])).toBe(false);
  });
});
