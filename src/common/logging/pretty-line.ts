/** Fields a pretty line prints in its head rather than as `key=value`. */
const HEAD = new Set(['level', 'time', 'pid', 'context', 'msg']);

/**
 * One pino JSON line as a readable line for local development:
 * `14:02:11.204 INFO  [Context] message reqId=… key=value`, the error stack below it.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = (typeof entry.level === 'string' ? entry.level : '').toUpperCase().padEnd(5);
  const context = typeof entry.context === 'string' ? `[${entry.context}] ` : '';
  let stack = '';
  const extras: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (HEAD.has(key) || value === undefined) continue;
    if (key === 'err' && typeof value === 'object' && value !== null && 'stack' in value) {
      stack = `\n${String(value.stack)}`;
      continue;
    }
    extras.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  const tail = extras.length > 0 ? ` ${extras.join(' ')}` : '';
  return `${time} ${level} ${context}${typeof entry.msg === 'string' ? entry.msg : ''}${tail}${stack}\n`;
}
