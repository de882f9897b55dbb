import { createServer, type Server, type Socket } from 'node:net';
import { CommandError } from '../../../src/cli/cli.errors.js';
import { FreshcastHttp } from '../../../src/cli/jobs/http-request.js';

// `jobs … --server URL` and `monitor … --server URL` against a server that accepts the connection and
// then stalls: the command waited for fetch's own 300 s header timeout. Now one request has a limit
// (60 s; 300 ms here) and fails with one line naming the server and the request.
describe('FreshcastHttp: a server that does not answer in time', () => {
  const held: Socket[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((socket) => {
      held.push(socket);
      socket.once('data', (request) => {
        // /half: the status line and headers, then a body that never ends.
        if (request.toString('latin1').startsWith('GET /half '))
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"jobs":',
          );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((done) => server.close(done));
  });

  it.each([
    ['no answer at all', '/admin/jobs'],
    ['an answer whose body stalls', '/half'],
  ])('%s: a CommandError after the timeout', async (_what, path) => {
    const http = new FreshcastHttp(url, undefined, 300);
    const call = http.call({ method: 'GET', path });
    await expect(call).rejects.toThrow(CommandError);
    await expect(call).rejects.toThrow(
      `the freshcast server at ${url} did not answer GET ${path} within 0.3 s`,
    );
  });
});
