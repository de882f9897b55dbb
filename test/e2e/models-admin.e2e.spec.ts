import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ManifestInput } from '../../src/registry/model-manifest.schema.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { DiskArtifactStore } from '../../src/storage/disk.driver.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'e2e-admin-key-0123456789';

interface Quality {
  wape?: number;
  coverage?: number;
}

function manifest(
  kind: string,
  q: Quality = {},
  target: ManifestInput['target'] = 'quantity',
): ManifestInput {
  return {
    target,
    kind,
    params: { hidden: [64], lr: 0.001 },
    horizon: 28,
    featureSpec: { version: 1, lags: [7, 14, 28] },
    state: { scaler: 'robust-level' },
    training: { start: '2020-07-01', end: '2023-06-30', fingerprint: 'sha256:e2e', series: 30 },
    backtest: {
      wape: q.wape ?? 0.3,
      coverage_p10_p90: q.coverage ?? 0.8,
      seasonal_naive_wape: 0.45,
      protocol: { horizon: 28, windows: 4, step: 28 },
    },
    codeVersion: '0.1.0-e2e',
  };
}

/** `versions[].id` of a GET /models body. */
const versionIds = (body: unknown): string[] =>
  (body as { versions: { id: string }[] }).versions.map((v) => v.id);
/** `entries[].action` of a history body. */
const actions = (body: unknown): string[] =>
  (body as { entries: { action: string }[] }).entries.map((e) => e.action);
/** `gates` of a promotion body. */
const gatesOf = (body: unknown): { gate: string; passed: boolean }[] =>
  (body as { gates: { gate: string; passed: boolean }[] }).gates;

describe('Model registry admin API (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  /** A second registry over the same folder, standing for the training job that registers models. */
  let trainer: ModelRegistryService;
  let minute: number;

  const http = () => request(app.getHttpServer());
  const register = async (
    kind: string,
    q: Quality = {},
    target: ManifestInput['target'] = 'quantity',
  ): Promise<string> => {
    const version = await trainer.register({
      actor: 'e2e-trainer',
      manifest: manifest(kind, q, target),
      writeArtifacts: async (sink) => sink.put('weights.bin', new Uint8Array([1, 2, 3])),
    });
    return version.id;
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-models-e2e-'));
    minute = 0;
    // Each registration one minute after the previous, so "newest first" is deterministic.
    const clock = (): Date => new Date(Date.UTC(2026, 10, 29, 1, minute++, 0));
    trainer = new ModelRegistryService({ store: new DiskArtifactStore(root), clock });
    app = await startApp({
      storage: { driver: 'disk', disk: { root } },
      auth: { adminApiKey: KEY },
    });
  });

  afterEach(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  describe('authentication', () => {
    it('answers 401 without x-api-key and 403 with a wrong one, on reads and changes', async () => {
      const id = await register('mlp');
      for (const req of [
        () => http().get('/models'),
        () => http().get(`/models/${id}`),
        () => http().post(`/models/${id}/promote`).send({ stage: 'prod' }),
        () => http().delete(`/models/${id}`),
      ]) {
        const missing = await req();
        expect(missing.status).toBe(401);
        expect(missing.body.error).toBe('api_key_missing');
        const wrong = await req().set('x-api-key', `${KEY}x`);
        expect(wrong.status).toBe(403);
        expect(wrong.body.error).toBe('api_key_invalid');
      }
      // Nothing was changed by the refused requests.
      const after = await http().get(`/models/${id}`).set('x-api-key', KEY).expect(200);
      expect(after.body.stage).toBe('dev');
    });
  });

  describe('reading', () => {
    it('lists versions newest first, filtered by target, kind and stage', async () => {
      const mlp = await register('mlp');
      const gru = await register('gru');
      const ets = await register('ets', {}, 'price');
      const all = await http().get('/models').set('x-api-key', KEY).expect(200);
      expect(all.body.errors).toEqual([]);
      expect(versionIds(all.body)).toEqual([ets, gru, mlp]);
      expect(all.body.versions[2]).toMatchObject({
        id: mlp,
        target: 'quantity',
        kind: 'mlp',
        stage: 'dev',
        aliases: [],
        horizon: 28,
        created_at: '2026-11-29T01:00:00.000Z',
        backtest: { wape: 0.3, coverage_p10_p90: 0.8 },
      });
      // Listings are summaries: the full manifest is at GET /models/:id.
      expect(all.body.versions[2]).not.toHaveProperty('feature_spec');

      const ids = async (query: Record<string, string>): Promise<string[]> => {
        const res = await http().get('/models').query(query).set('x-api-key', KEY).expect(200);
        return versionIds(res.body);
      };
      expect(await ids({ target: 'price' })).toEqual([ets]);
      expect(await ids({ target: 'quantity', kind: 'gru' })).toEqual([gru]);
      await http()
        .post(`/models/${mlp}/promote`)
        .set('x-api-key', KEY)
        .send({ stage: 'staging' })
        .expect(200);
      expect(await ids({ stage: 'staging' })).toEqual([mlp]);
      expect(await ids({ stage: 'prod' })).toEqual([]);
    });

    it('rejects unknown filter values and undeclared query fields with 400', async () => {
      for (const query of [
        { target: 'bananas' },
        { stage: 'live' },
        { kind: 'MLP!' },
        { x: '1' },
      ]) {
        const res = await http().get('/models').query(query).set('x-api-key', KEY);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('validation_failed');
      }
    });

    it('reports a corrupt manifest in errors and still lists the rest; GET on it is 422', async () => {
      const good = await register('mlp');
      const broken = 'quantity-gru-20261129T020000Z-abcdef';
      const dir = join(root, 'registry', 'quantity', 'versions', broken);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'manifest.json'), '{"id": "quantity-gru-');
      const res = await http().get('/models').set('x-api-key', KEY).expect(200);
      expect(versionIds(res.body)).toEqual([good]);
      expect(res.body.errors).toEqual([
        {
          key: `registry/quantity/versions/${broken}/manifest.json`,
          code: 'CORRUPT_MANIFEST',
          message: expect.stringContaining('not valid JSON'),
        },
      ]);
      const one = await http().get(`/models/${broken}`).set('x-api-key', KEY);
      expect(one.status).toBe(422);
      expect(one.body.error).toBe('corrupt_manifest');
    });

    it('returns one model in full, 404 for an unknown id, 400 for a path-traversal id', async () => {
      const id = await register('mlp');
      const res = await http().get(`/models/${id}`).set('x-api-key', KEY).expect(200);
      expect(res.body).toMatchObject({
        id,
        schema_version: 1,
        stage: 'dev',
        params: { hidden: [64], lr: 0.001 },
        feature_spec: { version: 1, lags: [7, 14, 28] },
        artifacts: ['weights.bin'],
      });

      const unknown = await http()
        .get('/models/quantity-mlp-20200101T000000Z-000000')
        .set('x-api-key', KEY);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('not_found');

      for (const path of [
        '/models/..%2F..%2Fetc%2Fpasswd',
        '/models/..%2Fstate.json',
        `/models/${id}%2F..%2F..`,
      ]) {
        const bad = await http().get(path).set('x-api-key', KEY);
        expect(bad.status).toBe(400);
        expect(bad.body.error).toBe('invalid_id');
      }
      const del = await http().delete('/models/..%2F..%2Fquantity').set('x-api-key', KEY);
      expect(del.status).toBe(400);
      expect(await readdir(join(root, 'registry', 'quantity', 'versions'))).toEqual([id]);
    });
  });

  describe('promotion, rollback, deletion', () => {
    it('walks a model through staging and prod, enforces the gates, rolls back', async () => {
      const first = await register('mlp', { wape: 0.3 });
      const better = await register('gru', { wape: 0.2 });
      const miscalibrated = await register('lstm', { wape: 0.1, coverage: 0.5 });
      const promote = (id: string, body: object) =>
        http().post(`/models/${id}/promote`).set('x-api-key', KEY).send(body);

      const staged = await promote(first, { stage: 'staging' }).expect(200);
      expect(staged.body).toMatchObject({
        version: { id: first, stage: 'staging' },
        gates: [],
        changed: true,
      });

      const prod = await promote(first, { stage: 'prod' }).expect(200);
      expect(prod.body).toMatchObject({ version: { stage: 'prod' }, previous_id: null });
      expect(gatesOf(prod.body).every((g) => g.passed)).toBe(true);

      const next = await promote(better, { stage: 'prod' }).expect(200);
      expect(next.body).toMatchObject({
        version: { id: better, stage: 'prod' },
        previous_id: first,
      });
      const gates = gatesOf(next.body).map((g) => g.gate);
      expect(gates).toEqual(['min_improvement', 'coverage_band', 'beats_seasonal_naive']);

      const refused = await promote(miscalibrated, { stage: 'prod' });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toBe('gate_failed');
      expect(refused.body.details.failed).toEqual(['coverage_band']);
      expect(refused.body.details.gates).toContainEqual(
        expect.objectContaining({ gate: 'coverage_band', passed: false, candidate: 0.5 }),
      );

      const noReason = await promote(miscalibrated, { stage: 'prod', force: true });
      expect(noReason.status).toBe(400);
      const blankReason = await promote(miscalibrated, { stage: 'prod', force: true, reason: ' ' });
      expect(blankReason.status).toBe(400);
      const still = await http().get(`/models/${better}`).set('x-api-key', KEY).expect(200);
      expect(still.body.stage).toBe('prod');

      const forced = await promote(miscalibrated, {
        stage: 'prod',
        force: true,
        reason: 'calibration fix ships tomorrow',
      })
        .set('x-actor', 'alice <ops>; rm -rf /')
        .expect(200);
      expect(forced.body).toMatchObject({ forced: true, previous_id: better });

      const history = await http()
        .get(`/models/${miscalibrated}/history`)
        .set('x-api-key', KEY)
        .expect(200);
      expect(history.body.errors).toEqual([]);
      expect(actions(history.body)).toEqual(['register', 'promote']);
      expect(history.body.entries[1]).toMatchObject({
        actor: 'alice ops rm -rf',
        reason: 'calibration fix ships tomorrow',
        forced: true,
        from_stage: 'dev',
        to_stage: 'prod',
        previous_id: better,
      });
      expect(history.body.entries[0].actor).toBe('e2e-trainer');
      const unknown = await http()
        .get('/models/quantity-mlp-20200101T000000Z-000000/history')
        .set('x-api-key', KEY)
        .expect(404);
      expect(unknown.body.error).toBe('not_found');

      const rolled = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'quantity', reason: 'coverage too low in prod' })
        .expect(200);
      expect(rolled.body).toMatchObject({
        from: miscalibrated,
        to: { id: better, stage: 'prod' },
      });
      const target = await http()
        .get('/models/history')
        .query({ target: 'quantity', limit: 1 })
        .set('x-api-key', KEY)
        .expect(200);
      expect(target.body.entries).toEqual([
        expect.objectContaining({
          action: 'rollback',
          id: better,
          previous_id: miscalibrated,
          actor: 'api',
          reason: 'coverage too low in prod',
        }),
      ]);
      const archived = await http().get(`/models/${miscalibrated}`).set('x-api-key', KEY);
      expect(archived.body.stage).toBe('archived');
    });

    it('answers 409 to a rollback without a previous prod model', async () => {
      await register('ets', {}, 'price');
      const res = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'price' });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('conflict');
    });

    it('validates promotion and rollback bodies', async () => {
      const id = await register('mlp');
      for (const body of [
        {},
        { stage: 'archived' },
        { stage: 'prod', force: 'yes', reason: 'x' },
        { stage: 'prod', reason: 'r'.repeat(2001) },
        { stage: 'prod', extra: 1 },
      ]) {
        const res = await http().post(`/models/${id}/promote`).set('x-api-key', KEY).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('validation_failed');
      }
      const rb = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'bananas' });
      expect(rb.status).toBe(400);
      const current = await http().get(`/models/${id}`).set('x-api-key', KEY).expect(200);
      expect(current.body.stage).toBe('dev');
    });

    it('refuses to delete the prod model or an aliased one (409), deletes a dev model', async () => {
      const prod = await register('mlp');
      const dev = await register('gru', { wape: 0.5 });
      await http()
        .post(`/models/${prod}/promote`)
        .set('x-api-key', KEY)
        .send({ stage: 'prod' })
        .expect(200);

      const refused = await http().delete(`/models/${prod}`).set('x-api-key', KEY);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('forbidden_delete');

      const aliased = await http()
        .put(`/models/${dev}/aliases/challenger`)
        .set('x-api-key', KEY)
        .expect(200);
      expect(aliased.body).toMatchObject({ id: dev, aliases: ['challenger'] });
      const blocked = await http().delete(`/models/${dev}`).set('x-api-key', KEY);
      expect(blocked.status).toBe(409);
      expect(blocked.body.details).toEqual({ id: dev, aliases: ['challenger'] });

      const removed = await http()
        .delete('/models/aliases/quantity/challenger')
        .set('x-api-key', KEY)
        .expect(200);
      expect(removed.body).toEqual({ target: 'quantity', alias: 'challenger', removed: true });
      const again = await http()
        .delete('/models/aliases/quantity/challenger')
        .set('x-api-key', KEY)
        .expect(200);
      expect(again.body.removed).toBe(false);

      const deleted = await http().delete(`/models/${dev}`).set('x-api-key', KEY).expect(200);
      expect(deleted.body).toEqual({ id: dev, deleted: true });
      await http().get(`/models/${dev}`).set('x-api-key', KEY).expect(404);
      expect(await readdir(join(root, 'registry', 'quantity', 'versions'))).toEqual([prod]);
      const history = await http()
        .get('/models/history')
        .query({ target: 'quantity', id: dev })
        .set('x-api-key', KEY)
        .expect(200);
      expect(actions(history.body)).toEqual(['register', 'alias', 'alias', 'delete']);
    });
  });

  it('answers in snake_case on every route, though manifests are stored in camelCase', async () => {
    const id = await register('mlp');
    const opaque = new Set(['params', 'feature_spec', 'state', 'live']);
    const camel: string[] = [];
    const walk = (where: string, v: unknown): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(`${where}[${i}]`, x));
      else if (typeof v === 'object' && v !== null)
        for (const [k, x] of Object.entries(v)) {
          if (!/^[a-z0-9_]+$/.test(k)) camel.push(`${where}.${k}`);
          if (!opaque.has(k)) walk(`${where}.${k}`, x);
        }
    };
    const get = async (path: string, query: Record<string, string> = {}): Promise<unknown> =>
      (await http().get(path).query(query).set('x-api-key', KEY).expect(200)).body;
    walk('list', await get('/models'));
    walk('one', await get(`/models/${id}`));
    walk('history', await get('/models/history', { target: 'quantity' }));
    walk('model history', await get(`/models/${id}/history`));
    const promoted = await http()
      .post(`/models/${id}/promote`)
      .send({ stage: 'staging' })
      .set('x-api-key', KEY)
      .expect(200);
    walk('promote', promoted.body);
    const aliased = await http()
      .put(`/models/${id}/aliases/challenger`)
      .send({})
      .set('x-api-key', KEY)
      .expect(200);
    walk('alias', aliased.body);
    expect(camel).toEqual([]);
    expect(aliased.body).toMatchObject({ id, created_at: expect.any(String), schema_version: 1 });
  });

  it('documents the routes in /docs-json with the x-api-key security and error responses', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { security?: unknown; responses: Record<string, unknown> }>
      >;
    };
    const routes: [string, string, string[]][] = [
      ['/models', 'get', ['400']],
      ['/models/history', 'get', ['400']],
      ['/models/{id}', 'get', ['400', '404']],
      ['/models/{id}', 'delete', ['404', '409']],
      ['/models/{id}/history', 'get', ['400']],
      ['/models/{id}/promote', 'post', ['400', '404', '422']],
      ['/models/rollback', 'post', ['400', '409']],
      ['/models/{id}/aliases/{alias}', 'put', ['400', '404']],
      ['/models/aliases/{target}/{alias}', 'delete', ['400']],
    ];
    for (const [path, method, errors] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, found: op !== undefined }).toEqual({ path, method, found: true });
      expect(op.security).toEqual([{ 'x-api-key': [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(errors));
    }
    const promote = doc.paths['/models/{id}/promote'].post as { parameters?: unknown[] };
    expect(promote.parameters).toContainEqual(
      expect.objectContaining({ name: 'x-actor', in: 'header', required: false }),
    );
  });
});
