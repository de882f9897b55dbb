import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'e2e-fuzz-admin-key-0123456789';
/** Cases per run (all routes together): about 25 s on 2 busy cores. FUZZ_RUNS / FUZZ_SEED override. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OperationDoc>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}
interface OperationDoc {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** Every operation of the OpenAPI document, with the names of its parameters and body fields. */
function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const refs = Object.values(op.requestBody?.content ?? {})
        .map((c) => c.schema?.$ref?.split('/').pop())
        .filter((r): r is string => r !== undefined);
      const bodyFields = refs.flatMap((r) =>
        Object.keys(doc.components?.schemas?.[r]?.properties ?? {}),
      );
      ops.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields,
      });
    }
  }
  return ops;
}

/** Values of every kind: wrong types, nulls, huge and nested values, unicode, lookalikes. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, '', ' ', '0', 'null', 'prod'),
  fc.constantFrom(
    '2023-02-30',
    '2023-07-01',
    '9999-99-99',
    '=1+2',
    '../../etc/passwd',
    '%00',
    '\u0000',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constant('x'.repeat(70_000)),
  fc.constant(Array.from({ length: 20_000 }, () => ({}))),
  fc.constant(JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`) as unknown),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Query values: the same kinds, without the huge ones (a URL has its own limit). */
const small: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, '', 'prod', '2023-02-30', '=1+2', '%00'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A body: an object with the operation's field names (and others) or anything else at all. */
function bodyFor(op: Operation): fc.Arbitrary<unknown> {
  const keys = fc.constantFrom(...op.bodyFields, '__proto__', 'constructor', 'extra', '');
  return fc.oneof(
    fc.dictionary(op.bodyFields.length > 0 ? keys : fc.string(), nasty, { maxKeys: 5 }),
    nasty,
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/csv',
  'multipart/form-data; boundary=XyZ',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/json; charset=latin1',
];

/** How a request is sent: the body encoded one way or another, headers and parameter values. */
interface Case {
  op: Operation;
  pathValues: string[];
  query: Record<string, unknown>;
  body:
    | { kind: 'json'; value: unknown; contentType: string }
    | { kind: 'raw'; bytes: Uint8Array; contentType: string | null }
    | { kind: 'none' };
  admin: boolean;
}

function caseFor(ops: Operation[]): fc.Arbitrary<Case> {
  return fc.constantFrom(...ops).chain((op) =>
    fc.record({
      op: fc.constant(op),
      pathValues: fc.array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.constantFrom('prod', 'x'.repeat(1_100), '..', '%'),
        ),
        { minLength: op.pathParams.length, maxLength: op.pathParams.length },
      ),
      query: fc.dictionary(fc.constantFrom(...op.queryParams, 'extra', 'limit'), small, {
        maxKeys: 3,
      }),
      body: fc.oneof(
        fc.record({
          kind: fc.constant('json' as const),
          value: bodyFor(op),
          contentType: fc.constantFrom(...CONTENT_TYPES),
        }),
        fc.record({
          kind: fc.constant('raw' as const),
          bytes: fc.uint8Array({ maxLength: 2_000 }),
          contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null }),
        }),
        fc.constant({ kind: 'none' as const }),
      ),
      admin: fc.boolean(),
    }),
  );
}

/** The URL of a case: path parameters filled in (encoded), query values as text. */
function urlOf(c: Case): string {
  let i = 0;
  const path = c.op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(c.pathValues[i++] ?? 'x'));
  const query = Object.entries(c.query)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
      return `${encodeURIComponent(k)}=${encodeURIComponent(text.slice(0, 2_000))}`;
    })
    .join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** Readiness probes: 503 with their own body until the app is ready. */
const PROBES = /^\/(health|ping)(\/|$)/;

const ENVELOPE_KEYS = ['details', 'error', 'message', 'request_id', 'timestamp'];

/**
 * Property-based fuzzing of every operation in /docs-json: random paths, queries, bodies of every
 * shape and content type, with and without the admin key. No 5xx, and every 4xx in the error
 * envelope with the request id. The seed is printed on failure (rerun with FUZZ_SEED=<seed>).
 */
describe('fuzzing every route of the OpenAPI document (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-fuzz-'));
    // A served model (ets trains in seconds; so does any retrain a fuzz case happens to ask for),
    // so prediction routes are fuzzed past "no model yet".
    app = await startApp({
      startup: { enabled: true },
      auth: { adminApiKey: KEY },
      data: {
        dir: join(root, 'data'),
        demo: { items: 30, days: 420, start: '2022-01-01', seed: 11, lang: 'en' },
        watchIntervalSec: 0,
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
      registry: { gates: { coverageBand: [0.5, 0.95] } },
    });
    await app.get(FirstStartService).settled();
    if (app.get(FirstStartService).state.phase === 'failed')
      throw new Error(`first start failed: ${JSON.stringify(app.get(FirstStartService).state)}`);
    await app.get(ServedModelsService).whenLoaded();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers no 5xx, and every 4xx in the envelope', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200))
      .body as OpenApiDoc;
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(caseFor(ops), async (c) => {
        seen.add(`${c.op.method} ${c.op.path}`);
        let req = request(app.getHttpServer())[c.op.method](urlOf(c));
        if (c.admin) req = req.set('x-api-key', KEY);
        if (c.body.kind === 'json') {
          const text = JSON.stringify(c.body.value) ?? 'null';
          req = req.set('content-type', c.body.contentType).send(text);
        } else if (c.body.kind === 'raw') {
          if (c.body.contentType !== null) req = req.set('content-type', c.body.contentType);
          req = req.send(Buffer.from(c.body.bytes));
        }
        const res = await req;
        const where = `${c.op.method.toUpperCase()} ${urlOf(c).slice(0, 200)} → ${res.status}`;
        // Probes answer 503 while not ready, by design (their own body, not an error envelope).
        const probe = PROBES.test(c.op.path);
        if (res.status >= 500 && !(probe && res.status === 503))
          throw new Error(`${where}: ${res.text.slice(0, 500)}`);
        if (probe) return;
        if (res.status >= 400) {
          const body = res.body as Record<string, unknown>;
          const keys = Object.keys(body ?? {}).sort();
          if (
            keys.join() !== ENVELOPE_KEYS.join() ||
            body.request_id !== res.headers['x-request-id']
          )
            throw new Error(`${where}: not the error envelope: ${res.text.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Most operations were tried (the rest by other seeds).
    expect(seen.size).toBeGreaterThan(ops.length / 2);
  });
});
