import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

/** Explicit credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; absent: the SDK's chain. */
export function envCredentials(
  env: NodeJS.ProcessEnv,
): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

export interface SageMakerClients {
  sagemaker: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  close(): void;
}

/**
 * The SageMaker control-plane and runtime clients: region from `region` (else AWS_REGION /
 * AWS_DEFAULT_REGION / `fallbackRegion`), endpoints from AWS_ENDPOINT_URL_SAGEMAKER and
 * AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME when set (VPC endpoints, local test servers).
 */
export function sageMakerClients(
  env: NodeJS.ProcessEnv,
  fallbackRegion: string,
  region?: string,
): SageMakerClients {
  const common = {
    region: region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? fallbackRegion,
    credentials: envCredentials(env),
    maxAttempts: 3,
  };
  const sagemaker = new SageMakerClient({
    ...common,
    endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER || undefined,
  });
  const runtime = new SageMakerRuntimeClient({
    ...common,
    endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME || undefined,
  });
  return {
    sagemaker,
    runtime,
    close: () => {
      sagemaker.destroy();
      runtime.destroy();
    },
  };
}
