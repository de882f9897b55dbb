import type { CliCommand } from '../command.types.js';
import type { ModelCommandEnv } from './models-cli.context.js';
import { modelsDeleteCommand } from './models-delete.command.js';
import { modelsHistoryCommand } from './models-history.command.js';
import { modelsListCommand } from './models-list.command.js';
import { modelsPromoteCommand } from './models-promote.command.js';
import { modelsRollbackCommand } from './models-rollback.command.js';
import { modelsShowCommand } from './models-show.command.js';

/** `freshcast models …` reading config from `source` (tests pass their own environment). */
export function modelCommands(source: ModelCommandEnv = {}): CliCommand[] {
  return [
    modelsListCommand(source),
    modelsShowCommand(source),
    modelsPromoteCommand(source),
    modelsRollbackCommand(source),
    modelsDeleteCommand(source),
    modelsHistoryCommand(source),
  ];
}

/** `freshcast models …`: list, show, promote, rollback, delete, history (config from process.env). */
export const MODEL_COMMANDS: CliCommand[] = modelCommands();
