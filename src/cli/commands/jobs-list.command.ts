import { JOB_NAMES } from '../../common/job-names.js';
import { JOB_STATES } from '../../jobs/job-queue.port.js';
import { MAX_LIST_LIMIT } from '../../jobs/job-submission.js';
import type { CliCommand } from '../command.types.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';
import { jobJson, renderJobTable } from '../jobs/jobs-table.format.js';
import { optEnum, optInt } from '../option-readers.js';
import { printJson } from './models-cli.context.js';

/** `freshcast jobs list`: recent jobs, newest first. */
export function jobsListCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'list'],
    summary: 'List jobs (newest first) with state, progress and attempts',
    usage: `freshcast jobs list [--state ${JOB_STATES.join('|')}] [--name ${JOB_NAMES.join('|')}] [--limit N] [--json] ${TRANSPORT_USAGE}`,
    options: {
      state: { type: 'string' },
      name: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      ...TRANSPORT_OPTIONS,
    },
    async run({ values, io }) {
      const filter = {
        state: optEnum(values, 'state', JOB_STATES),
        name: optEnum(values, 'name', JOB_NAMES),
        limit: optInt(values, 'limit', 1, MAX_LIST_LIMIT),
      };
      const jobs = await withJobsClient(values, source, io, (client) => client.list(filter));
      if (values.json === true) printJson(io, { jobs: jobs.map(jobJson) });
      else io.out(renderJobTable(jobs));
      return 0;
    },
  };
}
