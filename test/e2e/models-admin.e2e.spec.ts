import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY, modelsAdminSuite, versionIds } from '../fixtures/registry/models-admin.fixture.js';

describe('Model registry admin API (e2e): authentication, reading, wire format, docs', () => {
  const suite = modelsAdminSuite();
  const { http, register } = suite;

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
      const dir = join(suite.root, 'registry', 'quantity', 'versions', broken);
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
      expect(await readdir(join(suite.root, 'registry', 'quantity', 'versions'))).toEqual([id]);
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
