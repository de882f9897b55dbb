import {
  ProductionVariantInstanceType,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';

/** SageMaker resource names: letters, digits and single-or-more hyphens, at most 63 characters. */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const DEFAULT_INSTANCE_TYPE = 'ml.m5.large';
export const DEFAULT_VARIANT = 'AllTraffic';

export const INSTANCE_TYPES: readonly string[] = Object.values(ProductionVariantInstanceType);

/** A `--variant NAME=WEIGHT` argument. */
export interface VariantWeight {
  name: string;
  weight: number;
}

/** Why a deployment request is unusable; the CLI reports the message (exit 2). */
export class DeployInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployInputError';
  }
}

/** Parses `NAME=WEIGHT` (weight a positive finite number); names must be unique. */
export function parseVariants(raw: readonly string[]): VariantWeight[] {
  const out: VariantWeight[] = [];
  for (const arg of raw) {
    const m = /^([^=]+)=(.+)$/.exec(arg);
    if (!m)
      throw new DeployInputError(`--variant must be NAME=WEIGHT, e.g. canary=0.1 (got "${arg}")`);
    const [, name, weightText] = m;
    if (!SAGEMAKER_NAME.test(name))
      throw new DeployInputError(
        `variant name "${name}" must be letters, digits and hyphens (at most 63 characters)`,
      );
    const weight = Number(weightText);
    if (!Number.isFinite(weight) || weight <= 0 || weightText.trim() === '')
      throw new DeployInputError(
        `variant ${name}: the weight must be a positive number (got "${weightText}")`,
      );
    if (out.some((v) => v.name === name))
      throw new DeployInputError(`variant ${name} is given twice`);
    out.push({ name, weight });
  }
  return out;
}

export function checkName(what: string, name: string): string {
  if (!SAGEMAKER_NAME.test(name))
    throw new DeployInputError(
      `${what} "${name}" must be letters, digits and hyphens, starting with a letter or digit (at most 63 characters)`,
    );
  return name;
}

/** An IAM role ARN, as CreateModel's ExecutionRoleArn requires. */
export function checkRoleArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(arn))
    throw new DeployInputError(
      `--role must be an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerRole (got "${arn}")`,
    );
  return arn;
}

export function checkInstanceType(type: string): string {
  if (!INSTANCE_TYPES.includes(type))
    throw new DeployInputError(
      `--instance-type "${type}" is not a SageMaker hosting instance type (e.g. ${DEFAULT_INSTANCE_TYPE}, ml.c5.xlarge, ml.g5.xlarge)`,
    );
  return type;
}

/** `<endpoint>-<UTC yyyymmddhhmmss>`, cut to SageMaker's 63 characters. */
export function resourceName(endpoint: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, '');
  return `${endpoint.slice(0, 63 - stamp.length - 1).replace(/-+$/, '')}-${stamp}`;
}

export interface DeployPlanInput {
  endpoint: string;
  image: string;
  roleArn: string;
  instanceType: string;
  /** Variants as given; the first one serves the new model. Empty: one `AllTraffic` variant. */
  variants: readonly VariantWeight[];
  modelDataUrl: string;
  /** Names of the new model and endpoint config. */
  resourceName: string;
  /** The endpoint's current variants (update path), to keep the models of the ones listed after the first. */
  current: readonly ProductionVariant[] | null;
}

export interface DeployPlan {
  createModel: CreateModelCommandInput;
  createEndpointConfig: CreateEndpointConfigCommandInput;
  /** CreateEndpoint, or UpdateEndpoint when the endpoint exists. */
  endpointAction: 'CreateEndpoint' | 'UpdateEndpoint';
  endpoint: { EndpointName: string; EndpointConfigName: string };
}

/**
 * The requests of one deployment. The new model goes to the first variant (default `AllTraffic`
 * weight 1); every further variant must already exist on the endpoint and keeps its model, instance
 * type and count with the new weight: `--variant canary=1 --variant main=9` sends 10 % of traffic to
 * the new model and leaves `main` as it is.
 */
export function planDeployment(input: DeployPlanInput): DeployPlan {
  const variants =
    input.variants.length > 0 ? input.variants : [{ name: DEFAULT_VARIANT, weight: 1 }];
  const [first, ...kept] = variants;
  const productionVariants: ProductionVariant[] = [
    {
      VariantName: first.name,
      ModelName: input.resourceName,
      InitialInstanceCount: 1,
      InstanceType: input.instanceType as ProductionVariantInstanceType,
      InitialVariantWeight: first.weight,
    },
  ];
  for (const v of kept) {
    const existing = input.current?.find((c) => c.VariantName === v.name);
    if (!existing) {
      const names = (input.current ?? []).map((c) => c.VariantName).join(', ');
      throw new DeployInputError(
        input.current === null
          ? `endpoint ${input.endpoint} does not exist yet: only the first --variant (the new model) can be created, ${v.name} has no model to keep`
          : `variant ${v.name} is not on endpoint ${input.endpoint} (it has: ${names || 'none'}); only the first --variant gets the new model`,
      );
    }
    productionVariants.push({ ...existing, InitialVariantWeight: v.weight });
  }
  return {
    createModel: {
      ModelName: input.resourceName,
      ExecutionRoleArn: input.roleArn,
      PrimaryContainer: {
        Image: input.image,
        ModelDataUrl: input.modelDataUrl,
        // `serve` in the image answers SageMaker's /ping and /invocations on 8080.
        Environment: { FRESHCAST_SAGEMAKER: '1' },
      },
    },
    createEndpointConfig: {
      EndpointConfigName: input.resourceName,
      ProductionVariants: productionVariants,
    },
    endpointAction: input.current === null ? 'CreateEndpoint' : 'UpdateEndpoint',
    endpoint: { EndpointName: input.endpoint, EndpointConfigName: input.resourceName },
  };
}
