/** What the job system logs through; JobsModule passes a Nest Logger (the app's format). */
export interface JobLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Lines on stderr, for the adapters used outside Nest (scripts, benchmarks). */
export function defaultJobLogger(context: string): JobLogger {
  const write = (level: string, message: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${level} [${context}] ${message}\n`);
  };
  return {
    log: (m) => write('LOG', m),
    warn: (m) => write('WARN', m),
    error: (m) => write('ERROR', m),
  };
}
