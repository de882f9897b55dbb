import { TARGETS } from '../../data/series-panel.js';
import { UsageError } from '../cli.errors.js';
import type { CliCommand, OptionValues } from '../command.types.js';
import { countResultItems } from '../jobs/batch-result.format.js';
import {
  announceSubmitted,
  emitResult,
  INTERRUPTED_EXIT,
  optIdempotencyKey,
  showCommandFor,
  waitUntilDone,
} from '../jobs/job-commands.shared.js';
import { BATCH_FORMATS, type BatchRequest } from '../jobs/jobs-client.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';
import { optDate, optEnum, optInt, optList, optString } from '../option-readers.js';
import { checkOutputFile } from '../output-paths.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';

function batchRequest(values: OptionValues): BatchRequest {
  const itemCodes = optList(values, 'items');
  const all = values.all === true;
  if (itemCodes !== undefined && all) throw new UsageError('give --items a,b or --all, not both');
  if (itemCodes === undefined && !all) throw new UsageError('give --items a,b or --all');
  return {
    target: optEnum(values, 'target', TARGETS),
    itemCodes,
    all,
    horizon: optInt(values, 'horizon', 1, MAX_HORIZON_DAYS),
    date: optDate(values, 'date'),
    format: optEnum(values, 'format', BATCH_FORMATS) ?? 'json',
    model: optString(values, 'model'),
  };
}

/** `freshcast jobs batch`: queues a `batch-predict` job; with --wait, writes its result. */
export function jobsBatchCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'batch'],
    summary:
      'Queue a batch forecast for some items or all of them; --wait follows it and writes the result (stdout or --out)',
    usage:
      `freshcast jobs batch (--items a,b | --all) [--target quantity|price|wholesale] [--horizon H (1-${MAX_HORIZON_DAYS})] ` +
      '[--date YYYY-MM-DD] [--model REF] [--format json|csv] [--wait [--out FILE]] [--idempotency-key K] ' +
      TRANSPORT_USAGE,
    options: {
      items: { type: 'string' },
      all: { type: 'boolean' },
      target: { type: 'string' },
      horizon: { type: 'string' },
      date: { type: 'string' },
      model: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      wait: { type: 'boolean' },
      'idempotency-key': { type: 'string' },
      ...TRANSPORT_OPTIONS,
    },
    async run({ values, io }) {
      const request = batchRequest(values);
      const out = optString(values, 'out');
      if (out !== undefined && values.wait !== true) {
        throw new UsageError(
          '--out goes with --wait (or fetch the result later: freshcast jobs result ID --out FILE)',
        );
      }
      // Before the job is queued and waited for: the result was written, or not, only at the end.
      if (out !== undefined) checkOutputFile('--out', out);
      const key = optIdempotencyKey(values);
      return withJobsClient(values, source, io, async (client) => {
        const submitted = await client.batch(request, key);
        announceSubmitted(io, 'batch-predict', submitted, client.where);
        const id = submitted.id;
        const follow = showCommandFor(id, values);
        if (values.wait !== true) {
          io.err(`follow it with: ${follow}\nthen fetch the result: freshcast jobs result ${id}\n`);
          return 0;
        }
        const job = await waitUntilDone(io, id, 'batch', () => client.batchStatus(id), follow);
        if (job === null) return INTERRUPTED_EXIT;
        const text = await client.batchResult(id, request.format);
        const count = countResultItems(text, request.format);
        const where = await emitResult(io, text, out);
        io.err(`batch job ${id}: forecasts for ${count} series (${request.format}) → ${where}\n`);
        return 0;
      });
    },
  };
}
