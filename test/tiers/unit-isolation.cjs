// Unit tier guard (jest setupFiles of the `unit` project): a unit test opens no network socket, listens on
// no port and starts no child process. Each of those throws here, naming the test tier it belongs in.
const net = require('node:net');
const childProcess = require('node:child_process');

function refuse(what) {
  return function refused() {
    throw new Error(
      `unit tests run without ${what}; move this test to test/integration (or test/e2e)`,
    );
  };
}

net.Socket.prototype.connect = refuse('network connections');
net.Server.prototype.listen = refuse('listening ports');
for (const name of ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync']) {
  childProcess[name] = refuse('child processes');
}
