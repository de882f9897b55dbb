import type { CliCommand } from '../command.types.js';
import { jobIdArgument } from '../jobs/job-commands.shared.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';

const OUTCOMES: Record<string, string> = {
  cancelled: 'cancelled (it had not started and never will)',
  cancelling: 'cancelling: it is running and stops at its next checkpoint',
  finished: 'already finished: nothing to cancel',
};

/** `freshcast jobs cancel ID`: takes a waiting job off the queue, or asks a running one to stop. */
export function jobsCancelCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'cancel'],
    summary: 'Cancel a job: a waiting one never starts, a running one stops cooperatively',
    usage: `freshcast jobs cancel ID ${TRANSPORT_USAGE}`,
    options: { ...TRANSPORT_OPTIONS },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = jobIdArgument(positionals);
      const outcome = await withJobsClient(values, source, io, (client) => client.cancel(id));
      io.out(`job ${id}: ${OUTCOMES[outcome] ?? outcome}\n`);
      return 0;
    },
  };
}
