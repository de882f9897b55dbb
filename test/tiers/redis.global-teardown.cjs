// Stops the redis-server that redis.global-setup.cjs started, if it started one.
module.exports = async function redisGlobalTeardown() {
  const child = globalThis.__freshcastTestRedis;
  globalThis.__freshcastTestRedis = undefined;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};
