import type { CliCommand } from '../command.types.js';
import { dataFeaturesCommand } from './data-features.command.js';
import { dataGenerateCommand } from './data-generate.command.js';
import { dataPanelCommand } from './data-panel.command.js';
import { dataValidateCommand } from './data-validate.command.js';

/** `freshcast data …`: generate, validate, panel, features. */
export const DATA_COMMANDS: CliCommand[] = [
  dataGenerateCommand,
  dataValidateCommand,
  dataPanelCommand,
  dataFeaturesCommand,
];
