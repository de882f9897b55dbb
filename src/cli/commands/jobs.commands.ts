import type { CliCommand } from '../command.types.js';
import type { JobsCommandEnv } from '../jobs/jobs-client.resolve.js';
import { jobsBatchCommand } from './jobs-batch.command.js';
import { jobsCancelCommand } from './jobs-cancel.command.js';
import { jobsListCommand } from './jobs-list.command.js';
import { jobsResultCommand } from './jobs-result.command.js';
import { jobsRetrainCommand } from './jobs-retrain.command.js';
import { jobsShowCommand } from './jobs-show.command.js';

/** `freshcast jobs …` reading the environment from `source` (tests pass their own). */
export function jobCommands(source: JobsCommandEnv = {}): CliCommand[] {
  return [
    jobsListCommand(source),
    jobsShowCommand(source),
    jobsCancelCommand(source),
    jobsRetrainCommand(source),
    jobsBatchCommand(source),
    jobsResultCommand(source),
  ];
}

/** `freshcast jobs …`: list, show, cancel, retrain, batch, result (environment from process.env). */
export const JOB_COMMANDS: CliCommand[] = jobCommands();
