// The `freshcast` command line (bin/freshcast.js runs the compiled file): runs one command and sets
// the exit code (0 ok, 1 failure, 2 usage). Unexpected errors print one line, never a stack
// (set FRESHCAST_DEBUG=1 to see it).
import { runCli } from './cli/cli.runner.js';
import { processIo } from './cli/cli-io.js';
import { ALL_COMMANDS } from './cli/commands/index.js';

// `freshcast … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE')
    process.stderr.write(`freshcast: cannot write output: ${err.message}\n`);
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
});

try {
  process.exitCode = await runCli(process.argv.slice(2), ALL_COMMANDS, processIo);
} catch (err) {
  const message =
    typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  processIo.err(`freshcast: unexpected error: ${message.split('\n')[0]}\n`);
  if (process.env.FRESHCAST_DEBUG === '1' && err instanceof Error && err.stack) {
    processIo.err(`${err.stack}\n`);
  }
  process.exitCode = 1;
}
