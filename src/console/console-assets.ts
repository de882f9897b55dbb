import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../common/errors/app-error.js';

/** The console's built files, by the name they are served under (`/console/<name>`). */
export const CONSOLE_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
} as const;
export type ConsoleFile = keyof typeof CONSOLE_FILES;

/** The console was not built (a tree without dist/console: `npm run build` makes it). */
export class ConsoleNotBuiltError extends AppError {
  constructor(dir: string) {
    super(503, `the web console is not built (no ${dir}); run \`npm run build\``, {
      code: 'console_not_built',
    });
  }
}

/** freshcast's root folder (holding its package.json), found upwards from this file. */
export function packageRoot(from = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && readFileSync(file, 'utf8').includes('"name": "freshcast"')) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Where the console build lives: `<package>/dist/console`. */
export function consoleDir(): string {
  return join(packageRoot(), 'dist', 'console');
}

/** Reads the built console files on first use and keeps them (they change only with a rebuild). */
export class ConsoleAssets {
  private files: Map<ConsoleFile, Buffer> | null = null;

  constructor(private readonly dir: string = consoleDir()) {}

  get(name: ConsoleFile): { body: Buffer; type: string } {
    this.files ??= this.read();
    const body = this.files.get(name);
    if (!body) throw new ConsoleNotBuiltError(this.dir);
    return { body, type: CONSOLE_FILES[name] };
  }

  private read(): Map<ConsoleFile, Buffer> {
    const files = new Map<ConsoleFile, Buffer>();
    for (const name of Object.keys(CONSOLE_FILES) as ConsoleFile[]) {
      const path = join(this.dir, name);
      if (!existsSync(path)) throw new ConsoleNotBuiltError(this.dir);
      files.set(name, readFileSync(path));
    }
    return files;
  }
}
