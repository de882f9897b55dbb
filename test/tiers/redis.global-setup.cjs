// Global set-up of the tiers that use Redis. Tests read the URL from FRESHCAST_TEST_REDIS_URL
// (test/helpers/redis.ts): an explicit one is kept; otherwise Redis at 127.0.0.1:6379 if it answers, else a
// redis-server of this run's own on a free port (stopped by redis.global-teardown.cjs), else the run stops
// at once with one line saying how to get Redis.
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/** True when a Redis answers PING at host:port within 500 ms. */
function answersPing(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = async function redisGlobalSetup() {
  if (process.env.FRESHCAST_TEST_REDIS_URL) return;
  if (await answersPing(6379)) {
    process.env.FRESHCAST_TEST_REDIS_URL = DEFAULT_URL;
    return;
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error !== undefined) {
    process.stderr.write(
      'freshcast tests need Redis: nothing answers at 127.0.0.1:6379 and redis-server is not on PATH ' +
        '(install it, e.g. `apt-get install redis-server` or `brew install redis`, or start one and ' +
        'set FRESHCAST_TEST_REDIS_URL); `npm run test:unit` needs no Redis.\n',
    );
    process.exit(1);
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await answersPing(port)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await answersPing(port))) {
    child.kill('SIGTERM');
    throw new Error(`redis-server on port ${port} did not answer within 5 s`);
  }
  globalThis.__freshcastTestRedis = child;
  process.env.FRESHCAST_TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
  process.stderr.write(`no Redis at 127.0.0.1:6379: tests use their own redis-server on port ${port}\n`);
};
