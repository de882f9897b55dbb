/** An AWS call that failed (access denied, throttled, unreachable...): the action and AWS's message. */
export class AwsCallError extends Error {
  readonly action: string;
  constructor(action: string, cause: unknown) {
    const name = cause instanceof Error && cause.name !== 'Error' ? `${cause.name}: ` : '';
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`${action} failed: ${name}${message}`, {
      cause,
    });
    this.name = 'AwsCallError';
    this.action = action;
  }
}

/** Runs one SDK call, wrapping its failure into an AwsCallError that names the action. */
export async function sageMakerCall<T>(action: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw new AwsCallError(action, err);
  }
}

/** DescribeEndpoint's answer for an endpoint that does not exist. */
export function isEndpointMissing(err: unknown): boolean {
  if (!(err instanceof AwsCallError)) return false;
  const cause = err.cause;
  return (
    typeof cause === 'object' &&
    cause !== null &&
    'name' in cause &&
    cause.name === 'ValidationException' &&
    cause instanceof Error &&
    /could not find/i.test(cause.message)
  );
}
