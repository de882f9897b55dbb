import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp } from '../helpers/test-app.factory.js';

interface Outcome {
  status?: number;
  error?: string;
  /** The envelope code of a 503, and whether it said Connection: close. */
  code?: string;
  closes?: boolean;
}

const CLIENTS = 8;
const PATHS = ['/health', '/data/features', '/status'];

/** One request on the agent's kept-alive connections: its status and body, or the socket error. */
function send(agent: Agent, port: number, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        const outcome: Outcome = { status: res.statusCode };
        if (res.statusCode === 503) {
          outcome.code = (JSON.parse(body) as { error: string }).error;
          outcome.closes = res.headers.connection === 'close';
        }
        resolve(outcome);
      });
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end();
  });
}

/**
 * SIGTERM (app.close(), which the signal handler runs) under keep-alive clients sending back to back:
 * every request sent gets an answer (200, or 503 shutting_down with Connection: close once the
 * shutdown began), none a reset; a client only finds the port closed once it stopped listening.
 */
describe('shutdown under keep-alive load (e2e)', () => {
  it('answers every request on the wire and resets none', async () => {
    const app: NestFastifyApplication = await startApp({
      server: { drainQuietMs: 200, drainMaxMs: 5_000 },
    });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const outcomes: Outcome[] = [];

    const client = async (n: number): Promise<void> => {
      for (let i = 0; ; i++) {
        const outcome = await send(agent, port, PATHS[(n + i) % PATHS.length]);
        outcomes.push(outcome);
        // A client goes elsewhere once told the server is leaving, or finds it gone.
        if (outcome.status === 503 || outcome.error !== undefined) return;
        if (i > 20_000) throw new Error('the server never began to close');
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // Let the connections warm up, then shut down in the middle of the traffic.
    while (outcomes.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    await app.close();
    await Promise.all(clients);
    agent.destroy();

    const errors = outcomes.filter((o) => o.error !== undefined).map((o) => o.error);
    // A refused connection carried no request (the port was closed): nothing was lost.
    expect(errors.filter((e) => e !== 'ECONNREFUSED')).toEqual([]);
    const statuses = new Set(outcomes.map((o) => o.status).filter((s) => s !== undefined));
    expect([...statuses].sort()).toEqual([200, 503]);
    for (const o of outcomes.filter((x) => x.status === 503))
      expect(o).toEqual({ status: 503, code: 'shutting_down', closes: true });
  });
});
