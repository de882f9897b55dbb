import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyBuildContext, dockerignoreMatchers } from '../../helpers/build-context.js';
import { freePort } from '../../helpers/free-port.js';

/**
 * The Dockerfile's steps without Docker: the build context (working tree minus .dockerignore), the
 * build stage (dependencies from the lock, `npm run build`, scripts/image-assemble.mjs), the runtime's
 * production-only dependencies (`npm prune --omit=dev`), then the image's command
 * (`node dist/src/container.js`, what tini starts) in the assembled folder, which holds no sources,
 * no tests and no dev dependencies. The build stage's `npm ci` is replaced by the repository's own
 * node_modules (installed from the same lock), hard-linked, so the test needs no network.
 */
const root = join(__dirname, '..', '..', '..');
const GRACE_MS = 10_000;

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Sends a request in two parts: the head and half the body now, the rest when `finish` is called. */
function splitRequest(port: number, path: string, body: string) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  const head =
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const half = Math.floor(body.length / 2);
  socket.write(head + body.slice(0, half));
  return {
    finish: () => socket.write(body.slice(half)),
    /** The raw response, once the server closed the connection. */
    response: closed,
    socket,
  };
}

describe('the image steps, without Docker', () => {
  const work = mkdtempSync(join(tmpdir(), 'freshcast-image-'));
  const context = join(work, 'context');
  const app = join(work, 'app');
  let server: ChildProcess | undefined;
  let logs = '';

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited(server);
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('.dockerignore keeps installed, built and generated files and data out of the context', () => {
    const ignored = dockerignoreMatchers(readFileSync(join(root, '.dockerignore'), 'utf8'));
    const out = (p: string) => ignored.some((m) => m(p));
    for (const p of [
      'node_modules/x/index.js',
      'dist/src/main.js',
      'data/a.csv',
      'models/m/x.json',
      '.git',
    ])
      expect(out(p)).toBe(true);
    for (const p of [
      'src/main.ts',
      'package.json',
      'config/default.yaml',
      'scripts/build.mjs',
      'bench/run.ts',
    ])
      expect(out(p)).toBe(false);
    expect(() => dockerignoreMatchers('!keep')).toThrow('unsupported');
  });

  it('builds, keeps production dependencies only, boots on demo data and is ready', async () => {
    const files = copyBuildContext(root, context);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        'src/main.ts',
        'config/default.yaml',
      ]),
    );
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/'))).toBe(false);
    // Build stage.
    execFileSync('cp', ['-al', join(root, 'node_modules'), join(context, 'node_modules')]);
    // npm rewrites its hidden lockfile in place, which would write through the hard link into the
    // repository's node_modules: the copy goes without it (npm then reads the tree itself).
    rmSync(join(context, 'node_modules/.package-lock.json'), { force: true });
    run('npm', ['run', 'build'], context);
    run(process.execPath, ['scripts/image-assemble.mjs', app], context);
    // Runtime stage: production dependencies only.
    run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], context);
    renameSync(join(context, 'node_modules'), join(app, 'node_modules'));
    // (typescript stays: @nestjs/swagger declares it as an optional peer, so npm keeps it.)
    for (const dev of ['jest', 'eslint', '@swc/core', 's3rver', 'prettier'])
      expect(existsSync(join(app, 'node_modules', dev))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@nestjs/core'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      FRESHCAST_ROLE: 'all',
      PORT: String(port),
      FRESHCAST_HEALTH_FILE: join(work, 'health-url'),
      FRESHCAST_DATA_DIR: join(work, 'data'),
      FRESHCAST_STORAGE__DISK__ROOT: join(work, 'models'),
      FRESHCAST_DATA__DEMO__ITEMS: '20',
      FRESHCAST_DATA__DEMO__DAYS: '240',
      FRESHCAST_FORECASTING__DEFAULT_MODEL: 'linear',
      FRESHCAST_JOBS__SHUTDOWN_GRACE_MS: String(GRACE_MS),
    };
    server = spawn(process.execPath, ['dist/src/container.js'], { cwd: app, env });
    server.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (logs += d.toString()));

    const deadline = Date.now() + 180_000;
    let status = 0;
    while (status !== 200) {
      if (server.exitCode !== null) throw new Error(`the server exited early:\n${logs}`);
      if (Date.now() > deadline)
        throw new Error(`not ready after 180 s (last ${status}):\n${logs}`);
      await new Promise((r) => setTimeout(r, 500));
      status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
    }
    // The web console's bundle is in the image (built into dist/console by the build stage).
    expect((await fetch(`http://127.0.0.1:${port}/console/app.js`)).status).toBe(200);
    // The image's HEALTHCHECK command agrees.
    expect(readFileSync(join(work, 'health-url'), 'utf8')).toBe(
      `http://127.0.0.1:${port}/health/ready`,
    );
    execFileSync(process.execPath, ['dist/src/container/healthcheck.js'], { cwd: app, env });
  }, 300_000);

  it('on SIGTERM answers the requests in flight, then exits within the grace period', async () => {
    if (!server) throw new Error('the server did not start');
    const port = Number(new URL(readFileSync(join(work, 'health-url'), 'utf8')).port);
    const history = Array.from({ length: 90 }, (_, i) => ({
      date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
      value: [9.5, 8.8, 9.1, 9.4, 10.7, 14.2, 13.1][i % 7],
    }));
    const inFlight = splitRequest(
      port,
      '/predict',
      JSON.stringify({ item_code: 'deploy-check', horizon: 7, history }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const stopped = exited(server);
    const sentAt = Date.now();
    server.kill('SIGTERM');
    // The rest of the body arrives after the signal: the request must still be answered.
    await new Promise((r) => setTimeout(r, 500));
    inFlight.finish();
    const response = await inFlight.response;
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(response).toContain('"item_code":"deploy-check"');
    const { code, signal } = await stopped;
    expect(Date.now() - sentAt).toBeLessThan(GRACE_MS + 5_000);
    // Nest re-raises the signal once closed; either way it is a clean stop, not a crash.
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(logs).toContain('SIGTERM: closing');
  }, 60_000);
});
