import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorEnvelope } from './common/errors/error-envelope.js';
import { REQUEST_ID_HEADER } from './common/request-id/request-id.js';
import { HealthService, type HealthReport } from './health/health.service.js';
import { MetricsService } from './monitoring/metrics.service.js';

/** The routes a worker's listener answers (GET or HEAD). */
export const WORKER_ROUTES = ['/metrics', '/health', '/health/live', '/health/ready'] as const;

/** The worker's listener could not bind (port taken, host unknown, no permission). */
export class WorkerPortError extends Error {
  constructor(host: string, port: number, cause: unknown) {
    // Node's errors may come from another realm (a test's VM): not `instanceof Error` there.
    const why =
      typeof cause === 'object' && cause !== null && 'message' in cause
        ? String(cause.message)
        : String(cause);
    super(`cannot listen on ${host}:${port} for /metrics and /health (jobs.workerPort): ${why}`);
    this.name = 'WorkerPortError';
  }
}

interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

function json(status: number, value: unknown): Answer {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

function envelope(status: number, error: string, message: string, requestId: string): Answer {
  const body: ErrorEnvelope = {
    error,
    message,
    details: null,
    timestamp: new Date().toISOString(),
    request_id: requestId,
  };
  return json(status, body);
}

function report(r: HealthReport): Answer {
  return json(r.httpStatus, r.body);
}

/**
 * A worker process's own small HTTP listener (`jobs.workerPort`, FRESHCAST_WORKER_PORT): plain
 * node:http, not the API's Fastify app. GET /metrics (the process's Prometheus registry: queue
 * depth, job durations and failures, tf tensors, runtime metrics), /health/live, /health/ready
 * (Redis, artifact store, tf backend, taking jobs; 503 naming the failing check) and /health, the
 * same answers as the API's routes of those names. Closed with the worker.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHttp');
  private server: Server | null = null;

  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  /** Binds `host:port`; resolves once listening, rejects with a WorkerPortError. */
  async listen(port: number, host: string): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    // Probes and scrapes are short: no idle keep-alive socket holds the worker's exit.
    server.keepAliveTimeout = 2_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new WorkerPortError(host, port, err)));
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.logger.log(
      `worker metrics and health on http://${shown}:${address.port} (GET ${WORKER_ROUTES.join(', ')})`,
    );
    return address;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let answer: Answer;
    try {
      answer = await this.answer(req, requestId);
    } catch (err) {
      this.logger.error(
        `[${requestId}] ${req.method} ${req.url} failed`,
        err instanceof Error ? err.stack : String(err),
      );
      answer = envelope(500, 'internal_error', 'the worker could not answer', requestId);
    }
    res.writeHead(answer.status, {
      'content-type': answer.type,
      'cache-control': 'no-store',
      [REQUEST_ID_HEADER]: requestId,
      ...answer.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  }

  private async answer(req: IncomingMessage, requestId: string): Promise<Answer> {
    const path = (req.url ?? '/').split('?')[0];
    if (!(WORKER_ROUTES as readonly string[]).includes(path))
      return envelope(404, 'not_found', `no route ${path} on a worker`, requestId);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const answer = envelope(405, 'method_not_allowed', `${req.method} ${path}`, requestId);
      return { ...answer, headers: { allow: 'GET, HEAD' } };
    }
    switch (path) {
      case '/metrics':
        return {
          status: 200,
          type: this.metrics.contentType(),
          body: await this.metrics.render(),
        };
      case '/health/live':
        return json(200, this.health.live());
      case '/health/ready':
        return report(await this.health.ready());
      default:
        return report(await this.health.report());
    }
  }
}
