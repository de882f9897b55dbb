import type { CliCommand } from '../command.types.js';
import { backtestCommand } from './backtest.command.js';
import { predictCommand } from './predict.command.js';
import { trainCommand } from './train.command.js';
import { tuneCommand } from './tune.command.js';

export const FORECAST_COMMANDS: CliCommand[] = [
  trainCommand,
  tuneCommand,
  backtestCommand,
  predictCommand,
];
