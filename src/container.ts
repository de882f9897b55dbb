// The container image's entry (ENTRYPOINT after tini): picks the role from the arguments and
// FRESHCAST_ROLE (see container/container-launch.ts), records what the HEALTHCHECK should probe, then
// runs the `freshcast` command in this process, so the signals tini forwards reach the server or worker.
import { writeFileSync } from 'node:fs';
import { runCli } from './cli/cli.runner.js';
import { processIo } from './cli/cli-io.js';
import { ALL_COMMANDS } from './cli/commands/index.js';
import { containerLaunch, healthFilePath } from './container/container-launch.js';

const launch = containerLaunch(process.argv.slice(2), process.env);
if (launch.mode !== 'command') {
  try {
    writeFileSync(healthFilePath(process.env), launch.healthUrl ?? 'none');
  } catch (err) {
    // A read-only file system: the health check then probes the API's default URL.
    processIo.err(`freshcast: cannot record the health URL: ${(err as Error).message}\n`);
  }
}
try {
  process.exitCode = await runCli(launch.cliArgs, ALL_COMMANDS, processIo);
} catch (err) {
  processIo.err(
    `freshcast: unexpected error: ${String((err as Error).message ?? err).split('\n')[0]}\n`,
  );
  process.exitCode = 1;
}
