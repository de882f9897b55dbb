import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The real entry in a child process (ioredis writes its own complaints to the process's stderr),
// killed after 60 s: a Redis that does not answer made `models list` wait forever, and one that
// refuses connections printed ioredis' "Unhandled error event" with a stack before the message.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const ENTRY = resolve('src/cli.ts');

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', REGISTER, ENTRY, ...argv], {
      env: { ...process.env, ...env },
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    return { code: 0, signal: null, err: r.stderr };
  } catch (err) {
    const e = err as { code: number | null; signal: string | null; stderr: string };
    return { code: e.code, signal: e.signal, err: e.stderr };
  }
}

describe('freshcast models with a Redis that cannot be used: exit 1, one line', () => {
  let root: string;
  let silent: Server;
  const held: Socket[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fc-cli-models-redis-'));
    // Accepts connections and never answers (a stopped Redis, or another service on its port).
    silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((done) => silent.close(done));
    await rm(root, { recursive: true, force: true });
  });

  it('a Redis that never answers', async () => {
    const { port } = silent.address() as { port: number };
    const env = { FRESHCAST_STORAGE__DISK__ROOT: root, REDIS_URL: `redis://127.0.0.1:${port}` };
    const r = await cli(env, 'models', 'list');
    expect(r).toEqual({
      code: 1,
      signal: null,
      err: 'freshcast models list: cannot reach Redis (queue.redisUrl / REDIS_URL): Command timed out\n',
    });
  }, 90_000);

  it('a Redis that refuses connections', async () => {
    const env = { FRESHCAST_STORAGE__DISK__ROOT: root, REDIS_URL: 'redis://127.0.0.1:1' };
    const r = await cli(env, 'models', 'list');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.err).toMatch(
      /^freshcast models list: cannot reach Redis \(queue\.redisUrl \/ REDIS_URL\): [^\n]+\n$/,
    );
  }, 90_000);
});
