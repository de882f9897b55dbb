/** The message of anything thrown (duck-typed: errors may come from another realm). */
export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const message: unknown = Reflect.get(err, 'message');
    if (typeof message === 'string') return message;
  }
  return String(err);
}

/** The errno code of a failed system call (`ENOENT`, `EEXIST`…), or undefined for anything else. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code: unknown = Reflect.get(err, 'code');
  return typeof code === 'string' ? code : undefined;
}
