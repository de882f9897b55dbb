import type { CliCommand } from '../command.types.js';
import { DATA_COMMANDS } from './data.commands.js';
import { DEPLOY_COMMANDS } from './deploy-sagemaker.command.js';
import { FORECAST_COMMANDS } from './forecast.commands.js';
import { JOB_COMMANDS } from './jobs.commands.js';
import { KEY_COMMANDS } from './keys.commands.js';
import { MODEL_COMMANDS } from './models.commands.js';
import { MONITOR_COMMANDS } from './monitor.commands.js';
import { serveCommand } from './serve.command.js';
import { WORKER_COMMAND } from './worker.command.js';

/** Every `freshcast` command: add a group with one more spread. */
export const ALL_COMMANDS: readonly CliCommand[] = [
  ...DATA_COMMANDS,
  ...FORECAST_COMMANDS,
  ...MODEL_COMMANDS,
  serveCommand,
  WORKER_COMMAND,
  ...JOB_COMMANDS,
  ...MONITOR_COMMANDS,
  ...DEPLOY_COMMANDS,
  ...KEY_COMMANDS,
];
