import 'reflect-metadata';
import { ServerStartError, startServer } from './server.bootstrap.js';

startServer().catch((err: unknown) => {
  if (err instanceof ServerStartError) {
    process.stderr.write(`freshcast: ${err.message}\n`);
  } else {
    process.stderr.write(
      `freshcast: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
