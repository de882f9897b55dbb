import type { CliCommand } from '../command.types.js';
import { jobIdArgument } from '../jobs/job-commands.shared.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';
import { jobJson, renderJobDetails } from '../jobs/jobs-table.format.js';
import { printJson } from './models-cli.context.js';

/** `freshcast jobs show ID`: one job with its payload, progress, error and result. */
export function jobsShowCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'show'],
    summary: 'Show one job: state, progress, attempts, payload, error and result',
    usage: `freshcast jobs show ID [--json] ${TRANSPORT_USAGE}`,
    options: { json: { type: 'boolean' }, ...TRANSPORT_OPTIONS },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = jobIdArgument(positionals);
      const job = await withJobsClient(values, source, io, (client) => client.show(id));
      if (values.json === true) printJson(io, jobJson(job));
      else io.out(renderJobDetails(job));
      return 0;
    },
  };
}
