import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { openRawConnection } from '../helpers/raw-http.js';
import { startApp } from '../helpers/test-app.factory.js';

const BOUNDARY = 'XyZ';
const rows = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `s${i % 7},2023-01-${String((i % 28) + 1).padStart(2, '0')},${i % 5}`,
  ).join('\n');

/**
 * POST /data/validate reads files as they arrive and validates at most
 * `server.maxConcurrentValidations` uploads at once: one more is a 503 `validation_busy` with
 * Retry-After, before its body is read, and the slot is back once the first answered.
 */
describe('POST /data/validate under concurrent uploads (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ server: { maxConcurrentValidations: 1 } });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  const upload = () =>
    request(app.getHttpServer())
      .post('/data/validate')
      .attach('file', Buffer.from(`unique_id,ds,y\n${rows(200)}\n`), 'series.csv');

  it('validates a file that is still arriving, and refuses another upload meanwhile', async () => {
    const conn = await openRawConnection(app.getHttpServer());
    const head =
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\nunique_id,ds,y\n';
    const tail = `${rows(500)}\n\r\n--${BOUNDARY}--\r\n`;
    conn.socket.write(
      'POST /data/validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
        `Content-Length: ${Buffer.byteLength(head + tail)}\r\n\r\n${head}`,
    );
    // The first upload holds the only slot while its body is still coming.
    let busy: request.Response | undefined;
    for (let i = 0; i < 100; i++) {
      busy = await upload();
      if (busy.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(busy?.status).toBe(503);
    expect(busy?.body).toMatchObject({
      error: 'validation_busy',
      details: { limit: 1, retry_after_sec: 5 },
    });
    expect(busy?.headers['retry-after']).toBe('5');

    conn.socket.end(tail);
    const raw = await conn.received;
    expect(raw.startsWith('HTTP/1.1 200 ')).toBe(true);
    const report = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as {
      files: { file: string; kind: string; rows: number }[];
    };
    expect(report.files).toEqual([
      expect.objectContaining({ file: 'slow.csv', kind: 'long', rows: 500 }),
    ]);
    // The slot is free again.
    await upload().expect(200);
  });

  it('gives the slot back after a refused upload (413, 400)', async () => {
    const small = await startApp({ server: { maxConcurrentValidations: 1, uploadLimitMb: 0.001 } });
    try {
      const big = () =>
        request(small.getHttpServer())
          .post('/data/validate')
          .attach('file', Buffer.from(`unique_id,ds,y\n${rows(400)}\n`), 'big.csv');
      await big().expect(413);
      await big().expect(413);
      await request(small.getHttpServer())
        .post('/data/validate')
        .set('content-type', `multipart/form-data; boundary=${BOUNDARY}`)
        .send(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nabc`,
        )
        .expect(400);
      await big().expect(413);
    } finally {
      await small.close();
    }
  });

  it('answers 413 in the envelope when an upload holds more rows than server.validationMaxRows', async () => {
    const capped = await startApp({
      server: { maxConcurrentValidations: 1, validationMaxRows: 100 },
    });
    try {
      // 7 series × 28 days = 196 distinct keys: more than 100.
      const many = Array.from(
        { length: 196 },
        (_, i) => `s${i % 7},2023-01-${String(Math.floor(i / 7) + 1).padStart(2, '0')},1`,
      ).join('\n');
      const res = await request(capped.getHttpServer())
        .post('/data/validate')
        .attach('file', Buffer.from(`unique_id,ds,y\n${many}\n`), 'series.csv')
        .expect(413);
      expect(res.body).toMatchObject({
        error: 'payload_too_large',
        details: { limit_rows: 100, file: 'series.csv' },
      });
      // 28 keys (written 400 times) fit, and the slot is free again.
      const few = rows(400);
      await request(capped.getHttpServer())
        .post('/data/validate')
        .attach('file', Buffer.from(`unique_id,ds,y\n${few}\n`), 'few.csv')
        .expect(200);
    } finally {
      await capped.close();
    }
  });
});
