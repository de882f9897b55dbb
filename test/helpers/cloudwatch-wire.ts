import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One PutMetricData call as it arrived on the wire (gzip bodies unpacked). */
export interface CloudWatchCall {
  headers: IncomingMessage['headers'];
  gzipped: boolean;
  body: { Namespace: string; MetricData: Record<string, unknown>[] };
}

export interface CloudWatchWire {
  url: string;
  port: number;
  calls: CloudWatchCall[];
  /** Statuses of the next answers: 'throttle' (400 Throttling) or 'ok'; empty: ok. */
  script: ('throttle' | 'ok')[];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A local HTTP server speaking CloudWatch's JSON 1.0 protocol for PutMetricData, recording each
 * call (gunzipping bodies the SDK compressed) and answering `script` (then success).
 */
export async function startCloudWatchWire(port = 0): Promise<CloudWatchWire> {
  const calls: CloudWatchCall[] = [];
  const wire: CloudWatchWire = {
    url: '',
    port: 0,
    calls,
    script: [],
    stop: () => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const gzipped = req.headers['content-encoding'] === 'gzip';
      const text = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
      calls.push({
        headers: req.headers,
        gzipped,
        body: JSON.parse(text) as CloudWatchCall['body'],
      });
      const next = wire.script.shift() ?? 'ok';
      if (next === 'throttle') {
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': 'Throttling;Sender',
        });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.cloudwatch#Throttling',
            message: 'Rate exceeded',
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const p = (server.address() as AddressInfo).port;
  wire.port = p;
  wire.url = `http://127.0.0.1:${p}`;
  wire.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return wire;
}
