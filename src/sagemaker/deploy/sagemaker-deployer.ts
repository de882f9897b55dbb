import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  type DescribeEndpointOutput,
  type ProductionVariant,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import {
  DeployInputError,
  planDeployment,
  resourceName,
  type DeployPlan,
  type VariantWeight,
} from './endpoint-plan.js';
import { waitForInService } from './endpoint-waiter.js';
import type { ModelPackage } from './model-package.js';
import { isEndpointMissing, sageMakerCall } from './sagemaker-call.js';
import { tarGzStream } from './tar-gz.writer.js';

export interface DeployRequest {
  model: ModelPackage;
  endpoint: string;
  image: string;
  roleArn: string;
  instanceType: string;
  variants: readonly VariantWeight[];
  dryRun: boolean;
}

/** Where model.tar.gz goes: the artifact store, and the URL SageMaker reads it from. */
export interface ModelDataTarget {
  store: ArtifactStore;
  /** The s3:// URL of a key of the store (undefined for a store SageMaker cannot read). */
  urlOf(key: string): string | undefined;
}

export interface DeployDeps {
  client: SageMakerClient;
  target: ModelDataTarget;
  log(line: string): void;
  clock?: () => Date;
  pollIntervalMs: number;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeployResult {
  plan: DeployPlan;
  modelDataKey: string;
  modelDataUrl: string;
  /** Absent for a dry run. */
  endpoint?: DescribeEndpointOutput;
}

const BUSY = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

async function describeExisting(
  client: SageMakerClient,
  endpoint: string,
): Promise<DescribeEndpointOutput | null> {
  try {
    return await sageMakerCall('DescribeEndpoint', () =>
      client.send(new DescribeEndpointCommand({ EndpointName: endpoint })),
    );
  } catch (err) {
    if (isEndpointMissing(err)) return null;
    throw err;
  }
}

async function currentVariants(
  client: SageMakerClient,
  existing: DescribeEndpointOutput,
): Promise<ProductionVariant[]> {
  const name = existing.EndpointConfigName;
  if (name === undefined) return [];
  const config = await sageMakerCall('DescribeEndpointConfig', () =>
    client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })),
  );
  return config.ProductionVariants ?? [];
}

/**
 * Deploys a model folder to a SageMaker endpoint: model.tar.gz into the artifact store, then
 * CreateModel, CreateEndpointConfig, CreateEndpoint (or UpdateEndpoint when the endpoint exists),
 * then waits for InService. A dry run only reads (DescribeEndpoint/Config) and returns the plan.
 */
export async function deployToSageMaker(
  req: DeployRequest,
  deps: DeployDeps,
): Promise<DeployResult> {
  const { client } = deps;
  const log = (line: string): void => deps.log(line);
  const at = (deps.clock ?? (() => new Date()))();
  const name = resourceName(req.endpoint, at);
  const modelDataKey = `sagemaker/${req.endpoint}/${name}/model.tar.gz`;
  const url = deps.target.urlOf(modelDataKey);
  if (url === undefined && !req.dryRun)
    throw new DeployInputError(
      'SageMaker reads model data from S3: set storage.driver to s3 (FRESHCAST_STORAGE=s3, FRESHCAST_S3_BUCKET=...)',
    );
  const modelDataUrl =
    url ?? `(not readable by SageMaker: ${deps.target.store.driver} store) ${modelDataKey}`;

  const existing = await describeExisting(client, req.endpoint);
  if (existing && BUSY.has(existing.EndpointStatus ?? ''))
    throw new DeployInputError(
      `endpoint ${req.endpoint} is ${existing.EndpointStatus}; deploy again once it settles`,
    );
  if (existing?.EndpointStatus === 'Failed')
    throw new DeployInputError(
      `endpoint ${req.endpoint} is Failed (${existing.FailureReason ?? 'no reason given'}); SageMaker cannot update it: delete it first`,
    );
  const current = existing ? await currentVariants(client, existing) : null;
  const plan = planDeployment({
    endpoint: req.endpoint,
    image: req.image,
    roleArn: req.roleArn,
    instanceType: req.instanceType,
    variants: req.variants,
    modelDataUrl,
    resourceName: name,
    current,
  });
  if (req.dryRun) return { plan, modelDataKey, modelDataUrl };

  log(`packaging ${req.model.label} (${req.model.entries.length} files) → ${modelDataUrl}`);
  await deps.target.store.putStream(modelDataKey, tarGzStream(req.model.entries));
  await sageMakerCall('CreateModel', () => client.send(new CreateModelCommand(plan.createModel)));
  log(`created model ${name}`);
  await sageMakerCall('CreateEndpointConfig', () =>
    client.send(new CreateEndpointConfigCommand(plan.createEndpointConfig)),
  );
  const weights = (plan.createEndpointConfig.ProductionVariants ?? [])
    .map((v) => `${v.VariantName}=${v.InitialVariantWeight ?? 1}`)
    .join(', ');
  log(`created endpoint config ${name} (${weights})`);
  if (plan.endpointAction === 'CreateEndpoint')
    await sageMakerCall('CreateEndpoint', () =>
      client.send(new CreateEndpointCommand(plan.endpoint)),
    );
  else
    await sageMakerCall('UpdateEndpoint', () =>
      client.send(new UpdateEndpointCommand(plan.endpoint)),
    );
  log(
    `${plan.endpointAction === 'CreateEndpoint' ? 'creating' : 'updating'} endpoint ${req.endpoint}`,
  );
  const endpoint = await waitForInService(client, req.endpoint, {
    intervalMs: deps.pollIntervalMs,
    timeoutMs: deps.timeoutMs,
    configName: name,
    log,
    sleep: deps.sleep,
  });
  return { plan, modelDataKey, modelDataUrl, endpoint };
}
