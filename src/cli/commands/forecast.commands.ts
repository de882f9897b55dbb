import type { CliCommand } from '../command.types.js';
import { backtestCommand } from './backtest.command.js';
import { predictCommand } from './predict.command.js';
import { trainCommand } from './train.command.js';

export const FORECAST_COMMANDS: CliCommand[] = [trainCommand, backtestCommand, predictCommand];
