import type { ParseArgsConfig } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import type { CliIo } from './cli-io.js';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  /** Words after `freshcast`, e.g. ['data', 'validate']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line(s) shown in help and on usage errors. */
  readonly usage: string;
  readonly options: ParseArgsOptionsConfig;
  /** Whether positional arguments are allowed (e.g. `models show ID`). */
  readonly positionals?: boolean;
  /** Returns the process exit code. */
  run(args: { values: OptionValues; positionals: string[]; io: CliIo }): Promise<number>;
}
