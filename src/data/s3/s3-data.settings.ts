import { S3Client } from '@aws-sdk/client-s3';

/** How data under `s3://` URLs is reached: the storage section's S3 settings by default. */
export interface S3DataSettings {
  region: string;
  /** An S3-compatible server's endpoint; '' or absent for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Absent: the SDK's default provider chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Settings from the environment alone (the CLI without a config file): AWS_REGION, AWS_ENDPOINT_URL_S3. */
export function envS3DataSettings(env: NodeJS.ProcessEnv = process.env): S3DataSettings {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.FRESHCAST_S3_ENDPOINT ?? '';
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint,
    // S3-compatible servers on an address (no bucket subdomains) need path-style requests.
    forcePathStyle: endpoint !== '',
  };
}

let configured: S3DataSettings | null = null;
let client: { key: string; s3: S3Client } | null = null;

/** Sets how this process reaches `s3://` data (the app does it from `storage.s3` at start). */
export function configureS3Data(settings: S3DataSettings): void {
  configured = settings;
}

/**
 * The one S3 client data reads share. Checksums only when required: S3-compatible servers
 * otherwise store aws-chunked framing (see the storage driver).
 */
export function s3DataClient(): S3Client {
  const settings = configured ?? envS3DataSettings();
  const key = JSON.stringify(settings);
  if (client?.key !== key) {
    client?.s3.destroy();
    client = {
      key,
      s3: new S3Client({
        region: settings.region,
        endpoint: settings.endpoint ? settings.endpoint : undefined,
        forcePathStyle: settings.forcePathStyle ?? false,
        credentials: settings.credentials,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    };
  }
  return client.s3;
}
