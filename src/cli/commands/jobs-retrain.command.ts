import { TARGETS } from '../../data/series-panel.js';
import { unknownKindsMessage } from '../../forecasting/forecaster.registry.js';
import { trainResultSchema } from '../../jobs/job-payloads.js';
import { UsageError } from '../cli.errors.js';
import type { CliCommand } from '../command.types.js';
import {
  announceSubmitted,
  INTERRUPTED_EXIT,
  optIdempotencyKey,
  showCommandFor,
  waitUntilDone,
} from '../jobs/job-commands.shared.js';
import type { RetrainRequest } from '../jobs/jobs-client.js';
import {
  TRANSPORT_OPTIONS,
  TRANSPORT_USAGE,
  withJobsClient,
  type JobsCommandEnv,
} from '../jobs/jobs-client.resolve.js';
import { renderTrainSummary } from '../jobs/jobs-table.format.js';
import { optEnum, optList, optNumber, optString } from '../option-readers.js';
import { printJson } from './models-cli.context.js';

/** `freshcast jobs retrain`: queues a `train` job (train, backtest, register, promote when the gates pass). */
export function jobsRetrainCommand(source: JobsCommandEnv = {}): CliCommand {
  return {
    path: ['jobs', 'retrain'],
    summary:
      'Queue a retraining job (train, backtest vs seasonal naive, register, promote if the gates pass); --wait follows it',
    usage:
      'freshcast jobs retrain [--target quantity|price|wholesale] [--models lstm,mlp] [--time-budget SEC] [--tune-job ID|latest] ' +
      `[--no-promote] [--wait] [--idempotency-key K] ${TRANSPORT_USAGE}`,
    options: {
      target: { type: 'string' },
      models: { type: 'string' },
      'time-budget': { type: 'string' },
      'tune-job': { type: 'string' },
      'no-promote': { type: 'boolean' },
      wait: { type: 'boolean' },
      'idempotency-key': { type: 'string' },
      ...TRANSPORT_OPTIONS,
    },
    async run({ values, io }) {
      const request: RetrainRequest = {
        target: optEnum(values, 'target', TARGETS),
        models: optList(values, 'models'),
        timeBudgetSec: optNumber(values, 'time-budget', 1, 86_400),
        tuneJob: optString(values, 'tune-job'),
        promote: values['no-promote'] !== true,
      };
      // Refused here, before a job is queued: over Redis nothing else checks the kinds until a
      // worker runs the job and fails it.
      const unknown = unknownKindsMessage(request.models ?? []);
      if (unknown !== undefined) throw new UsageError(unknown);
      const key = optIdempotencyKey(values);
      return withJobsClient(values, source, io, async (client) => {
        const submitted = await client.retrain(request, key);
        announceSubmitted(io, 'train', submitted, client.where);
        const follow = showCommandFor(submitted.id, values);
        if (values.wait !== true) {
          io.err(`follow it with: ${follow}\n`);
          return 0;
        }
        const job = await waitUntilDone(
          io,
          submitted.id,
          'train',
          () => client.show(submitted.id),
          follow,
        );
        if (job === null) return INTERRUPTED_EXIT;
        const result = trainResultSchema.safeParse(job.result);
        if (result.success) io.out(renderTrainSummary(result.data));
        else printJson(io, job.result);
        return 0;
      });
    },
  };
}
