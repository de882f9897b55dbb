// The hardware ceiling of the serving bench: a bare node:http server (no framework, no middleware)
// that reads the request body, parses it as JSON and answers the JSON it was given, in its own process
// like the app. `node bare-http.child.js PORT` with the response body in FRESHCAST_BENCH_BARE_BODY.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const body = Buffer.from(process.env.FRESHCAST_BENCH_BARE_BODY ?? '{}');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
