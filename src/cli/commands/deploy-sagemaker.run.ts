import type { AppConfig } from '../../config/app-config.schema.js';
import { ConfigError, loadConfig } from '../../config/config.loader.js';
import { isS3Url } from '../../data/data-file.access.js';
import type { DatasetLocation } from '../../data/dataset.loader.js';
import { configureS3Data } from '../../data/s3/s3-data.settings.js';
import type { Target } from '../../data/series-panel.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { RegistryError } from '../../registry/registry.errors.js';
import { sageMakerClients, envCredentials } from '../../sagemaker/deploy/aws-clients.js';
import {
  answerTable,
  invocationBody,
  invokeEndpoint,
} from '../../sagemaker/deploy/endpoint-invoker.js';
import {
  checkInstanceType,
  checkName,
  checkRoleArn,
  DeployInputError,
  parseVariants,
} from '../../sagemaker/deploy/endpoint-plan.js';
import { EndpointFailedError } from '../../sagemaker/deploy/endpoint-waiter.js';
import {
  isModelFolder,
  modelDirPackage,
  registryPackage,
  type ModelPackage,
} from '../../sagemaker/deploy/model-package.js';
import { AwsCallError } from '../../sagemaker/deploy/sagemaker-call.js';
import { deployToSageMaker } from '../../sagemaker/deploy/sagemaker-deployer.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import { createArtifactStore } from '../../storage/artifact-store.factory.js';
import { S3ArtifactStore } from '../../storage/s3.driver.js';
import { StorageError } from '../../storage/storage.errors.js';
import type { CliIo } from '../cli-io.js';
import { CommandError, UsageError } from '../cli.errors.js';
import { loadPanelForCommand } from '../panel-input.js';
import { printJson, type ModelCommandEnv } from './models-cli.context.js';

/** Where the deploy command reads config and credentials, and how fast it polls (tests: fast). */
export interface DeployCommandEnv extends ModelCommandEnv {
  /** Between two DescribeEndpoint calls while waiting; default 15 s. */
  pollIntervalMs?: number;
  clock?: () => Date;
}

export interface DeployArgs {
  model: string;
  endpoint: string;
  image: string;
  role: string;
  target: Target;
  instanceType: string;
  variants: string[];
  region?: string;
  timeoutMin: number;
  dryRun: boolean;
  json: boolean;
}

export interface InvokeArgs {
  endpoint: string;
  items: string[];
  target: Target;
  location?: DatasetLocation;
  contextDays: number;
  quantiles: string[];
  predictionLength?: number;
  targetVariant?: string;
  region?: string;
  json: boolean;
}

function configOf(source: DeployCommandEnv): AppConfig {
  try {
    return loadConfig({ env: source.env ?? process.env, dir: source.configDir });
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
}

/** Input errors are usage errors (exit 2); AWS, registry and storage failures exit 1. */
async function withDeployErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeployInputError) throw new UsageError(err.message);
    if (
      err instanceof AwsCallError ||
      err instanceof EndpointFailedError ||
      err instanceof RegistryError ||
      err instanceof StorageError
    )
      throw new CommandError(err.message);
    throw err;
  }
}

async function packageOf(ref: string, target: Target, store: ArtifactStore): Promise<ModelPackage> {
  if (isModelFolder(ref)) return modelDirPackage(ref);
  if (!/^[a-z0-9-]+$/i.test(ref))
    throw new CommandError(
      `${ref} is neither a saved model folder (no forecaster.json in it) nor a registry id or alias`,
    );
  return registryPackage(new ModelRegistryService({ store }), target, ref);
}

function s3UrlOf(store: ArtifactStore): (key: string) => string | undefined {
  return (key) =>
    store instanceof S3ArtifactStore ? `s3://${store.bucket}/${store.prefix}${key}` : undefined;
}

/** `deploy sagemaker`: package, create/update the endpoint, wait; a dry run prints the requests. */
export async function runSageMakerDeploy(
  source: DeployCommandEnv,
  io: CliIo,
  args: DeployArgs,
): Promise<number> {
  const env = source.env ?? process.env;
  const config = configOf(source);
  return withDeployErrors(async () => {
    const endpoint = checkName('--endpoint', args.endpoint);
    const roleArn = checkRoleArn(args.role);
    const instanceType = checkInstanceType(args.instanceType);
    const variants = parseVariants(args.variants);
    const store = createArtifactStore(config.storage, { s3Credentials: envCredentials(env) });
    const clients = sageMakerClients(env, config.storage.s3.region, args.region);
    try {
      const model = await packageOf(args.model, args.target, store);
      const result = await deployToSageMaker(
        {
          model,
          endpoint,
          image: args.image,
          roleArn,
          instanceType,
          variants,
          dryRun: args.dryRun,
        },
        {
          client: clients.sagemaker,
          target: { store, urlOf: s3UrlOf(store) },
          log: (line) => io.err(`${line}\n`),
          clock: source.clock,
          pollIntervalMs: source.pollIntervalMs ?? 15_000,
          timeoutMs: args.timeoutMin * 60_000,
        },
      );
      const { plan } = result;
      if (args.json)
        printJson(io, {
          dryRun: args.dryRun,
          modelDataUrl: result.modelDataUrl,
          ...plan,
          status: result.endpoint?.EndpointStatus,
        });
      else if (args.dryRun) {
        io.out(`dry run: nothing uploaded, nothing created\n`);
        io.out(
          `model.tar.gz: ${model.entries.map((e) => e.name).join(', ')} → ${result.modelDataUrl}\n`,
        );
        io.out(`CreateModel ${JSON.stringify(plan.createModel)}\n`);
        io.out(`CreateEndpointConfig ${JSON.stringify(plan.createEndpointConfig)}\n`);
        io.out(`${plan.endpointAction} ${JSON.stringify(plan.endpoint)}\n`);
      } else io.out(`endpoint ${endpoint} is InService on ${plan.endpoint.EndpointConfigName}\n`);
      return 0;
    } finally {
      clients.close();
      if (store instanceof S3ArtifactStore) store.destroy();
    }
  });
}

/** `deploy sagemaker --invoke`: a DeepAR request for the items' recent history; prints the answer. */
export async function runSageMakerInvoke(
  source: DeployCommandEnv,
  io: CliIo,
  args: InvokeArgs,
): Promise<number> {
  const env = source.env ?? process.env;
  const config = configOf(source);
  return withDeployErrors(async () => {
    const endpoint = checkName('--endpoint', args.endpoint);
    const location = args.location ?? { data: config.data.dir };
    if ('data' in location && isS3Url(location.data)) {
      const { region, endpoint, forcePathStyle } = config.storage.s3;
      configureS3Data({ region, endpoint, forcePathStyle, credentials: envCredentials(env) });
    }
    const panel = await loadPanelForCommand(location, args.target, io);
    const body = invocationBody(panel, {
      items: args.items,
      target: args.target,
      contextDays: args.contextDays,
      quantiles: args.quantiles,
      predictionLength: args.predictionLength,
    });
    const clients = sageMakerClients(env, config.storage.s3.region, args.region);
    try {
      const answer = await invokeEndpoint(clients.runtime, endpoint, body, args.targetVariant);
      if (args.json) printJson(io, answer);
      else io.out(answerTable(args.items, body, answer));
      return 0;
    } finally {
      clients.close();
    }
  });
}
