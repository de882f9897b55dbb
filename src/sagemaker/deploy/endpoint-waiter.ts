import {
  DescribeEndpointCommand,
  type DescribeEndpointOutput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { sageMakerCall } from './sagemaker-call.js';

/** A deployment SageMaker reported as failed (or that did not settle in time). */
export class EndpointFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointFailedError';
  }
}

export interface WaitOptions {
  /** Between two DescribeEndpoint calls. */
  intervalMs: number;
  /** Give up (exit non-zero) after this long. */
  timeoutMs: number;
  /** The endpoint config the endpoint must end up on (an update that rolled back keeps the old one). */
  configName: string;
  log(line: string): void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const FAILED = new Set(['Failed', 'UpdateRollbackFailed', 'OutOfService', 'Deleting']);

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls DescribeEndpoint until the endpoint is InService on `configName`, printing each status
 * change with the elapsed time. Failed (and the other dead ends) throw with SageMaker's
 * FailureReason; so does an update SageMaker rolled back (InService on the previous config).
 */
export async function waitForInService(
  client: SageMakerClient,
  endpoint: string,
  opts: WaitOptions,
): Promise<DescribeEndpointOutput> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const started = now();
  let last: string | undefined;
  for (;;) {
    const d = await sageMakerCall('DescribeEndpoint', () =>
      client.send(new DescribeEndpointCommand({ EndpointName: endpoint })),
    );
    const status = d.EndpointStatus ?? 'unknown';
    const elapsed = Math.round((now() - started) / 1000);
    if (status !== last) opts.log(`endpoint ${endpoint}: ${status} (${elapsed} s)`);
    last = status;
    const reason = d.FailureReason ? `: ${d.FailureReason}` : '';
    if (status === 'InService') {
      if (d.EndpointConfigName !== opts.configName)
        throw new EndpointFailedError(
          `endpoint ${endpoint} rolled back to ${d.EndpointConfigName ?? 'its previous config'}${reason}`,
        );
      return d;
    }
    if (FAILED.has(status))
      throw new EndpointFailedError(
        `endpoint ${endpoint} is ${status}${reason || ' (no reason given)'}`,
      );
    if (now() - started >= opts.timeoutMs)
      throw new EndpointFailedError(
        `endpoint ${endpoint} still ${status} after ${elapsed} s; it may yet settle (check with aws sagemaker describe-endpoint)`,
      );
    await sleep(opts.intervalMs);
  }
}
