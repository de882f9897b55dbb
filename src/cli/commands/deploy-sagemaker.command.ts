import { TARGETS } from '../../data/series-panel.js';
import { DEFAULT_INSTANCE_TYPE } from '../../sagemaker/deploy/endpoint-plan.js';
import type { CliCommand, OptionValues } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { optEnum, optInt, optList, optString, reqString } from '../option-readers.js';
import {
  runSageMakerDeploy,
  runSageMakerInvoke,
  type DeployCommandEnv,
} from './deploy-sagemaker.run.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';

const USAGE = [
  'freshcast deploy sagemaker --model DIR|ID|prod --endpoint NAME --image URI --role ARN [--target T] [--instance-type ml.m5.large] [--variant NAME=WEIGHT ...] [--region R] [--timeout MIN] [--dry-run] [--json]',
  'freshcast deploy sagemaker --invoke --endpoint NAME --item CODE [--item CODE ...] [--data DIR | --series FILE] [--target T] [--context DAYS] [--quantiles 0.1,0.5,0.9] [--prediction-length N] [--target-variant NAME] [--region R] [--json]',
].join('\n       ');

const DEPLOY_ONLY = ['model', 'image', 'role', 'instance-type', 'variant', 'dry-run', 'timeout'];
const INVOKE_ONLY = [
  'item',
  'data',
  'series',
  'context',
  'quantiles',
  'prediction-length',
  'target-variant',
];

function strings(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => {
    if (typeof x !== 'string' || x.trim() === '') throw new UsageError(`--${name} needs a value`);
    return x.trim();
  });
}

function refuse(values: OptionValues, names: readonly string[], mode: string): void {
  const given = names.filter((n) => values[n] !== undefined);
  if (given.length > 0)
    throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} do not apply to ${mode}`);
}

/** `freshcast deploy sagemaker`: deploy a model to a SageMaker endpoint, or --invoke one. */
export function deploySageMakerCommand(source: DeployCommandEnv = {}): CliCommand {
  return {
    path: ['deploy', 'sagemaker'],
    summary:
      'Package a model as model.tar.gz in the S3 artifact store and create or update a SageMaker endpoint (wait for InService); --invoke sends a DeepAR request to it',
    usage: USAGE,
    options: {
      model: { type: 'string' },
      endpoint: { type: 'string' },
      image: { type: 'string' },
      role: { type: 'string' },
      target: { type: 'string' },
      'instance-type': { type: 'string' },
      variant: { type: 'string', multiple: true },
      region: { type: 'string' },
      timeout: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      invoke: { type: 'boolean' },
      item: { type: 'string', multiple: true },
      data: { type: 'string' },
      series: { type: 'string' },
      context: { type: 'string' },
      quantiles: { type: 'string' },
      'prediction-length': { type: 'string' },
      'target-variant': { type: 'string' },
    },
    async run({ values, io }) {
      const endpoint = reqString(values, 'endpoint');
      const target = optEnum(values, 'target', TARGETS);
      const region = optString(values, 'region');
      const json = values.json === true;
      if (values.invoke === true) {
        refuse(values, DEPLOY_ONLY, '--invoke');
        const items = strings(values, 'item');
        if (items.length === 0) throw new UsageError('--invoke needs at least one --item CODE');
        const data = optString(values, 'data');
        const series = optString(values, 'series');
        if (data && series)
          throw new UsageError('give either --data DIR or --series FILE, not both');
        return runSageMakerInvoke(source, io, {
          endpoint,
          items,
          target: target ?? 'quantity',
          location: data ? { data } : series ? { series } : undefined,
          contextDays: optInt(values, 'context', 1, 20_000) ?? 365,
          quantiles: optList(values, 'quantiles') ?? ['0.1', '0.5', '0.9'],
          predictionLength: optInt(values, 'prediction-length', 1, MAX_HORIZON_DAYS),
          targetVariant: optString(values, 'target-variant'),
          region,
          json,
        });
      }
      refuse(values, INVOKE_ONLY, 'a deployment (they go with --invoke)');
      const role = optString(values, 'role');
      if (role === undefined)
        throw new UsageError(
          '--role ARN is required: the IAM role SageMaker assumes to pull the image and read model.tar.gz',
        );
      return runSageMakerDeploy(source, io, {
        model: reqString(values, 'model'),
        endpoint,
        image: reqString(values, 'image'),
        role,
        target: target ?? 'quantity',
        instanceType: optString(values, 'instance-type') ?? DEFAULT_INSTANCE_TYPE,
        variants: strings(values, 'variant'),
        region,
        timeoutMin: optInt(values, 'timeout', 1, 24 * 60) ?? 60,
        dryRun: values['dry-run'] === true,
        json,
      });
    },
  };
}

/** `freshcast deploy …` (config from process.env). */
export const DEPLOY_COMMANDS: CliCommand[] = [deploySageMakerCommand()];
