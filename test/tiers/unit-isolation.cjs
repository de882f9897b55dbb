// Unit tier guard (jest setupFilesAfterEnv of the `unit` project): a unit test opens no network socket,
// listens on no port and starts no child process. Each of those throws while a unit test file runs,
// naming the tier it belongs in. Node's core modules are shared by every test file a jest worker runs
// (whatever their project), so the originals are put back after each file.
const net = require('node:net');
const childProcess = require('node:child_process');

function refuse(what) {
  return function refused() {
    throw new Error(
      `unit tests run without ${what}; move this test to test/integration (or test/e2e)`,
    );
  };
}

const CHILD = ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'];
const saved = {
  connect: net.Socket.prototype.connect,
  listen: net.Server.prototype.listen,
  child: Object.fromEntries(CHILD.map((name) => [name, childProcess[name]])),
};

beforeAll(() => {
  net.Socket.prototype.connect = refuse('network connections');
  net.Server.prototype.listen = refuse('listening ports');
  for (const name of CHILD) childProcess[name] = refuse('child processes');
});

afterAll(() => {
  net.Socket.prototype.connect = saved.connect;
  net.Server.prototype.listen = saved.listen;
  for (const name of CHILD) childProcess[name] = saved.child[name];
});
