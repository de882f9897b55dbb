import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// Runs the real entry (src/cli.ts) in a child process, compiled on the fly by the TypeScript
// loader the job tests use: the exit code it sets and what reaches stdout/stderr, with no stack.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');

function cli(...argv: string[]) {
  const r = spawnSync(process.execPath, ['--import', REGISTER, resolve('src/cli.ts'), ...argv], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('freshcast entry (src/cli.ts)', () => {
  it('exits 2 with the usage and no stack trace on an unknown option', () => {
    const r = cli('data', 'validate', '--data', 'data', '--verbose');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      "freshcast data validate: Unknown option '--verbose'\n" +
        'usage: freshcast data validate (--data DIR | --series FILE.csv) [--json]\n',
    );
  });
});
