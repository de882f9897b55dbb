import type { CliCommand } from '../command.types.js';
import { countResultItems } from '../jobs/batch-result.format.js';
import { emitResult, jobIdArgument } from '../jobs/job-commands.shared.js';
import { BATCH_FORMATS } from '../jobs/jobs-client.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';
import { optEnum, optString } from '../option-readers.js';
import { checkOutputFile } from '../output-paths.js';

/** `freshcast jobs result ID`: a finished batch job's forecasts (JSON or CSV), stdout or --out. */
export function jobsResultCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'result'],
    summary: "Write a finished batch job's forecasts (JSON or CSV) to stdout or --out FILE",
    usage: `freshcast jobs result ID [--format json|csv] [--out FILE] ${TRANSPORT_USAGE}`,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      ...TRANSPORT_OPTIONS,
    },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = jobIdArgument(positionals);
      const format = optEnum(values, 'format', BATCH_FORMATS) ?? 'json';
      const out = optString(values, 'out');
      if (out !== undefined) checkOutputFile('--out', out);
      const text = await withJobsClient(values, source, io, (c) => c.batchResult(id, format));
      const where = await emitResult(io, text, out);
      if (out !== undefined) {
        io.err(`forecasts for ${countResultItems(text, format)} series (${format}) → ${where}\n`);
      }
      return 0;
    },
  };
}
