import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REGISTER = pathToFileURL(resolve('test/fixtures/jobs/register-ts.mjs')).href;

function runWorker(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', REGISTER, resolve('src/worker.ts')], {
      env: { ...process.env, FRESHCAST_ROLE: 'worker', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => done({ code, stderr }));
  });
}

describe('src/worker.ts (the worker process entry)', () => {
  it('exits 1 with a clear message when it has no Redis to take jobs from', async () => {
    const [noUrl, unreachable] = await Promise.all([
      runWorker({ REDIS_URL: '' }),
      runWorker({ REDIS_URL: 'redis://127.0.0.1:1' }),
    ]);
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('freshcast worker: FRESHCAST_ROLE=worker needs REDIS_URL');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(
      'freshcast worker: cannot reach Redis at redis://127.0.0.1:1',
    );
  });
});
