import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived on the wire. */
export interface WireRequest {
  /** `SageMaker.CreateModel`'s action (`CreateModel`), or `InvokeEndpoint`. */
  action: string;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The JSON body (parsed), or the raw text when it is not JSON. */
  body: unknown;
}

interface EndpointState {
  configName: string;
  /** Statuses DescribeEndpoint answers next, one per call; the last one stays. */
  statuses: string[];
  failureReason?: string;
}

/** What the next CreateEndpoint / UpdateEndpoint goes through, as DescribeEndpoint reports it. */
export interface Script {
  statuses: string[];
  failureReason?: string;
  /** For an update: SageMaker rolled back, the endpoint stays on its previous config. */
  rollBack?: boolean;
}

export interface SageMakerWire {
  url: string;
  requests: WireRequest[];
  /** Actions in the order they arrived. */
  actions(): string[];
  /** Bodies of one action, in order. */
  bodies(action: string): Record<string, unknown>[];
  /** The statuses the next CreateEndpoint/UpdateEndpoint walks through. */
  script: Script;
  /** Seeds an existing endpoint on an existing config. */
  seedEndpoint(name: string, configName: string, variants: Record<string, unknown>[]): void;
  /** Answers InvokeEndpoint: gets the endpoint name and the raw body, returns [status, body]. */
  onInvoke: (endpoint: string, body: string) => Promise<[number, string]>;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/x-amz-json-1.1',
): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A local HTTP server speaking SageMaker's JSON 1.1 protocol (X-Amz-Target: SageMaker.<Action>) and
 * the runtime's `POST /endpoints/<name>/invocations`, recording every request. It keeps endpoints
 * and endpoint configs like SageMaker does, walking each created/updated endpoint through `script`.
 */
export async function startSageMakerWire(): Promise<SageMakerWire> {
  const requests: WireRequest[] = [];
  const endpoints = new Map<string, EndpointState>();
  const configs = new Map<string, Record<string, unknown>>();
  const wire: SageMakerWire = {
    url: '',
    requests,
    actions: () => requests.map((r) => r.action),
    bodies: (action) =>
      requests.filter((r) => r.action === action).map((r) => r.body as Record<string, unknown>),
    script: { statuses: ['Creating', 'InService'] },
    seedEndpoint(name, configName, variants) {
      configs.set(configName, { EndpointConfigName: configName, ProductionVariants: variants });
      endpoints.set(name, { configName, statuses: ['InService'] });
    },
    onInvoke: () => Promise.resolve([500, 'no invoke handler']),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const control = (action: string, body: Record<string, unknown>, res: ServerResponse): void => {
    const name = typeof body.EndpointName === 'string' ? body.EndpointName : '';
    const notFound = () =>
      reply(res, 400, {
        __type: 'ValidationException',
        message: `Could not find endpoint "${name}".`,
      });
    switch (action) {
      case 'CreateModel':
        return reply(res, 200, {
          ModelArn: `arn:aws:sagemaker:us-east-1:123456789012:model/${String(body.ModelName)}`,
        });
      case 'CreateEndpointConfig':
        configs.set(String(body.EndpointConfigName), body);
        return reply(res, 200, {
          EndpointConfigArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/${String(body.EndpointConfigName)}`,
        });
      case 'DescribeEndpointConfig': {
        const config = configs.get(String(body.EndpointConfigName));
        if (!config)
          return reply(res, 400, {
            __type: 'ValidationException',
            message: 'Could not find endpoint configuration.',
          });
        return reply(res, 200, {
          ...config,
          EndpointConfigArn: 'arn:x',
          CreationTime: 1_765_000_000,
        });
      }
      case 'CreateEndpoint':
      case 'UpdateEndpoint': {
        const existing = endpoints.get(name);
        if (action === 'CreateEndpoint' && existing)
          return reply(res, 400, {
            __type: 'ValidationException',
            message: `Cannot create already existing endpoint "${name}".`,
          });
        if (action === 'UpdateEndpoint' && !existing) return notFound();
        const { statuses, failureReason, rollBack } = wire.script;
        const configName =
          rollBack && existing ? existing.configName : String(body.EndpointConfigName);
        endpoints.set(name, { configName, statuses: [...statuses], failureReason });
        return reply(res, 200, {
          EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`,
        });
      }
      case 'DescribeEndpoint': {
        const state = endpoints.get(name);
        if (!state) return notFound();
        const status = state.statuses.length > 1 ? state.statuses.shift() : state.statuses[0];
        return reply(res, 200, {
          EndpointName: name,
          EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`,
          EndpointConfigName: state.configName,
          EndpointStatus: status,
          FailureReason:
            status === 'InService' && !wire.script.rollBack ? undefined : state.failureReason,
          CreationTime: 1_765_000_000,
          LastModifiedTime: 1_765_000_100,
        });
      }
      default:
        return reply(res, 400, { __type: 'UnknownOperationException', message: action });
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const path = req.url ?? '/';
      const invoke = /^\/endpoints\/([^/]+)\/invocations$/.exec(path);
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = invoke ? 'InvokeEndpoint' : target.replace(/^SageMaker\./, '');
      requests.push({
        action,
        method: req.method ?? '',
        path,
        headers: req.headers,
        body: parse(text),
      });
      if (invoke) {
        const [status, body] = await wire.onInvoke(decodeURIComponent(invoke[1]), text);
        return reply(res, status, body, 'application/json');
      }
      control(action, parse(text) as Record<string, unknown>, res);
    })().catch((err: unknown) =>
      reply(res, 500, { __type: 'InternalFailure', message: String(err) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  wire.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return wire;
}
