/** The media type of a Content-Type header, lower-cased and without parameters (`text/csv`). */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const type = header.split(';', 1)[0].trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** True when the header's media type is one of `accepted` (exact, or `type/*` wildcards). */
export function contentTypeMatches(
  header: string | undefined,
  accepted: readonly string[],
): boolean {
  const type = mediaTypeOf(header);
  if (type === undefined) return false;
  return accepted.some((a) => {
    const want = a.toLowerCase();
    return want.endsWith('/*') ? type.startsWith(want.slice(0, -1)) : type === want;
  });
}

/** What JSON routes accept. */
export const JSON_MEDIA_TYPE = 'application/json';
