import { BacktestError } from '../evaluation/backtest.errors.js';
import { ForecasterError } from '../forecasting/forecaster.errors.js';
import { RegistryError } from '../registry/registry.errors.js';
import { StorageError } from '../storage/storage.errors.js';
import { CommandError } from './cli.errors.js';

/** Runs `fn`, turning the domain's typed errors into a CommandError (one clear line, exit 1). */
export async function withDomainErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (
      err instanceof ForecasterError ||
      err instanceof BacktestError ||
      err instanceof RegistryError ||
      err instanceof StorageError
    ) {
      throw new CommandError(err.message);
    }
    throw err;
  }
}
