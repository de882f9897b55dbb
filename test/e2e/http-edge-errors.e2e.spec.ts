import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type AddressInfo } from 'node:net';
import { openRawConnection } from '../helpers/raw-http.js';
import { startApp } from '../helpers/test-app.factory.js';
import { boundUrl, ServerStartError, startServer } from '../../src/server.bootstrap.js';

/** Splits a raw HTTP/1.1 response into its status, headers (lower-cased) and body. */
function parseResponse(raw: string): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("errors Node's HTTP parser raises, and start-up (e2e)", () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  async function send(raw: string): Promise<ReturnType<typeof parseResponse>> {
    const conn = await openRawConnection(app.getHttpServer());
    conn.socket.write(raw);
    return parseResponse(await conn.received);
  }

  const expectEnvelope = (res: ReturnType<typeof parseResponse>, status: number): void => {
    expect(res.status).toBe(status);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'details',
      'error',
      'message',
      'request_id',
      'timestamp',
    ]);
    expect(body.request_id).toBe(res.headers['x-request-id']);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers.connection).toBe('close');
  };

  it('answers headers too large with a 431 envelope and the usual headers', async () => {
    const res = await send(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectEnvelope(res, 431);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'client_error' });
  });

  it('answers a malformed request line with a 400 envelope', async () => {
    for (const raw of [
      'GARBAGE\r\n\r\n',
      'GET /health HTTP/9.9\r\nHost: x\r\n\r\n',
      '\x00\x01\x02\r\n\r\n',
    ]) {
      const res = await send(raw);
      expectEnvelope(res, 400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'bad_request' });
    }
  });

  it('starts with Redis down as one line, without ioredis "Unhandled error event" output', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    try {
      const port = await closedPort();
      const started = startServer({
        queue: { redisUrl: `redis://127.0.0.1:${port}` },
        jobs: { connectTimeoutMs: 500 },
      });
      await expect(started).rejects.toBeInstanceOf(ServerStartError);
      const err = (await started.catch((e: unknown) => e)) as Error;
      expect(err.message).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
      expect(err.message).not.toContain('\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(printed.filter((line) => line.includes('Unhandled error event'))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('logs the address really bound (0.0.0.0 is not 127.0.0.1)', () => {
    expect(boundUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe(
      'http://0.0.0.0:3000',
    );
    expect(boundUrl({ address: '::', family: 'IPv6', port: 8080 })).toBe('http://[::]:8080');
    expect(boundUrl(app.getHttpServer().address())).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
