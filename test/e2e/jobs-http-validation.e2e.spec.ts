import type request from 'supertest';
import { listKinds } from '../../src/forecasting/forecaster.registry.js';
import { BACKTEST_BODY_EXAMPLES } from '../../src/jobs/http/dto/backtest-job-request.dto.js';
import { useAdminKeyApp } from '../helpers/admin-key-app.js';

const KEY = 'e2e-jobs-validation-key-0123456789';

interface Envelope {
  error: string;
  message: string;
  details: { field: string; message: string }[];
  request_id: string;
}
interface SchemaProperty {
  description?: string;
  $ref?: string;
  example?: unknown;
  nullable?: boolean;
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, unknown>; parameters?: { name: string }[]; security?: unknown }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, SchemaProperty> }> };
}

const fields = (body: unknown): string[] => (body as Envelope).details.map((d) => d.field);

/**
 * Requests the job routes refuse before anything is queued (in-process mode, nothing runs): field
 * errors in the 400 envelope, path ids, the admin key; and the routes' Swagger documentation.
 */
describe('job routes: validation, auth and docs (e2e)', () => {
  const { http, admin } = useAdminKeyApp('jobs-validation', KEY);

  const batch400 = async (body: object, field: string): Promise<Envelope> => {
    const res = await http().post('/predict/batch').send(body);
    expect({ body, status: res.status }).toEqual({ body, status: 400 });
    expect((res.body as Envelope).error).toBe('validation_failed');
    expect(fields(res.body)).toContain(field);
    return res.body as Envelope;
  };

  it('refuses item_codes together with all: true', async () => {
    const env = await batch400({ item_codes: ['102900065821321'], all: true }, 'all');
    expect(env.details[0].message).toContain('not both');
  });

  it('takes the most item codes a request may hold within the default body limit, and refuses one more', async () => {
    const codes = Array.from({ length: 10_000 }, (_, i) => `1029000${String(i).padStart(8, '0')}`);
    const ok = await http().post('/predict/batch').send({ item_codes: codes, format: 'csv' });
    expect(ok.status).toBe(202);
    expect(fields(await batch400({ item_codes: [...codes, '1'] }, 'item_codes'))).toEqual([
      'item_codes',
    ]);
  });

  it('refuses bad dates, horizons, targets, formats, models and item lists', async () => {
    await batch400({ date: '01/07/2023' }, 'date');
    await batch400({ date: '2023-02-30' }, 'date');
    await batch400({ date: 20230701 }, 'date');
    await batch400({ horizon: 0 }, 'horizon');
    await batch400({ horizon: 1000 }, 'horizon');
    await batch400({ horizon: 61 }, 'horizon');
    await batch400({ horizon: 2.5 }, 'horizon');
    await batch400({ target: 'volume' }, 'target');
    await batch400({ format: 'xml' }, 'format');
    await batch400({ model: 'not a model' }, 'model');
    await batch400({ model: '' }, 'model');
    await batch400({ item_codes: [] }, 'item_codes');
    await batch400({ item_codes: 'abc' }, 'item_codes');
    await batch400({ item_codes: [42] }, 'item_codes');
    await batch400({ all: 'yes' }, 'all');
    await batch400({ items: ['x'] }, 'items');
    // A horizon of the wrong type is told so first, not that it is out of range.
    const typed = await batch400({ horizon: '7' }, 'horizon');
    expect(typed.details[0].message).toBe('horizon must be an integer number');
    const many = await batch400({ horizon: 0, target: 'x', date: 'y' }, 'horizon');
    expect(fields(many).sort()).toEqual(['date', 'horizon', 'target']);
  });

  it('refuses unknown model kinds for retrain, listing the known ones', async () => {
    const res = await admin(http().post('/admin/retrain'))
      .send({ models: ['ets', 'prophet'] })
      .expect(400);
    const env = res.body as Envelope;
    expect(env.details).toHaveLength(1);
    expect(env.details[0].field).toBe('models');
    expect(env.details[0].message).toContain('prophet');
    for (const kind of listKinds()) expect(env.details[0].message).toContain(kind);

    for (const [body, field] of [
      [{ models: [] }, 'models'],
      [{ models: 'ets' }, 'models'],
      [{ target: 'volume' }, 'target'],
      [{ time_budget_s: 0 }, 'time_budget_s'],
      [{ time_budget_s: 'fast' }, 'time_budget_s'],
      [{ promote: 'yes' }, 'promote'],
      [{ horizon: 0 }, 'horizon'],
      [{ epochs: 0 }, 'epochs'],
      [{ seed: 1.5 }, 'seed'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 2 ** 31 }, 'seed'],
      [{ backtest_windows: 13 }, 'backtest_windows'],
      [{ kinds: ['ets'] }, 'kinds'],
    ] as const) {
      const r = await admin(http().post('/admin/retrain')).send(body);
      expect({ body, status: r.status, fields: fields(r.body) }).toEqual({
        body,
        status: 400,
        fields: expect.arrayContaining([field]) as unknown,
      });
    }
  });

  it('refuses a backtest without exactly one of model and kind, or with an unknown kind', async () => {
    for (const body of [{}, { model: 'prod', kind: 'ets' }, { target: 'price' }]) {
      const r = await admin(http().post('/admin/backtest')).send(body);
      expect({ body, status: r.status, fields: fields(r.body) }).toEqual({
        body,
        status: 400,
        fields: ['model'],
      });
    }
    const unknown = await admin(http().post('/admin/backtest')).send({ kind: 'prophet' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as Envelope).details[0].message).toContain('known kinds: ');
    for (const [body, field] of [
      [{ kind: 'ets', params: [1, 2] }, 'params'],
      [{ kind: 'ets', windows: 0 }, 'windows'],
      [{ kind: 'ets', horizon: 61 }, 'horizon'],
    ] as const) {
      const r = await admin(http().post('/admin/backtest')).send(body);
      expect({ body, status: r.status, fields: fields(r.body) }).toEqual({
        body,
        status: 400,
        fields: expect.arrayContaining([field]) as unknown,
      });
    }
    const refresh = await admin(http().post('/admin/refresh-forecasts')).send({ target: 'x' });
    expect(fields(refresh.body)).toEqual(['target']);
  });

  it('refuses what a backtest or retrain job would fail on: an unknown model, params a kind refuses', async () => {
    const jobCount = async (): Promise<number> =>
      ((await admin(http().get('/admin/jobs?limit=500')).expect(200)).body as { jobs: unknown[] })
        .jobs.length;
    const before = await jobCount();
    const refused = async (
      path: string,
      body: object,
      field: string,
      words: string[],
    ): Promise<void> => {
      const r = await admin(http().post(path)).send(body);
      const env = r.body as Envelope;
      expect({ path, body, status: r.status, error: env.error, fields: fields(r.body) }).toEqual({
        path,
        body,
        status: 400,
        error: 'validation_failed',
        fields: [field],
      });
      for (const word of words) expect(env.details[0].message).toContain(word);
    };
    // No model is registered in this app: a named one that is not prod cannot be backtested.
    await refused('/admin/backtest', { model: 'nope' }, 'model', ["'nope'", 'quantity']);
    await refused('/admin/backtest', { model: 'prod', params: { lambda: 1 } }, 'params', ['kind']);
    await refused('/admin/backtest', { kind: 'linear', params: { lags: -1 } }, 'params', [
      "'linear'",
      'lags',
    ]);
    await refused('/admin/backtest', { kind: 'ets', params: { nonsense: 1 } }, 'params', [
      "'ets'",
      'nonsense',
    ]);
    await refused('/admin/retrain', { models: ['linear'], params: { lags: -1 } }, 'params', [
      "'linear'",
      'lags',
    ]);
    // params go to every kind trained: one that does not take them is named.
    await refused('/admin/retrain', { models: ['linear', 'ets'], params: { lags: 21 } }, 'params', [
      "'ets'",
      'lags',
    ]);
    // Without models, the default kind (ensemble) checks them.
    await refused('/admin/retrain', { params: { combine: 'sum' } }, 'params', [
      "'ensemble'",
      'combine',
    ]);
    // A neural kind refuses its training params when created, and an ensemble checks each member's.
    await refused('/admin/backtest', { kind: 'mlp', params: { lookback: -1 } }, 'params', [
      'mlp',
      'lookback',
    ]);
    await refused(
      '/admin/retrain',
      { params: { members: [{ kind: 'linear' }, { kind: 'gbt', params: { rounds: 0 } }] } },
      'params.members.1.params',
      ['gbt', 'rounds'],
    );
    await refused('/admin/retrain', { models: ['lstm'], params: { epsShare: -1 } }, 'params', [
      'lstm',
      'epsShare',
    ]);
    // So does a neural kind's network shape, for the lookback its training params give.
    await refused('/admin/retrain', { models: ['transformer'], params: { heads: 3 } }, 'params', [
      'transformer',
      "'dModel' (32)",
      "'heads' (3)",
    ]);
    await refused(
      '/admin/backtest',
      { kind: 'lstm', params: { lookback: 30, steps: 30 } },
      'params',
      ['lstm', "'patch' (7)", "'steps'"],
    );
    await refused(
      '/admin/retrain',
      {
        params: {
          members: [{ kind: 'linear' }, { kind: 'transformer', params: { lookback: 30 } }],
        },
      },
      'params.members.1.params',
      ['transformer', "'patch' (7)", "'lookback' (30)"],
    );
    // And networks too large to train: a fit past what the wasm backend can allocate aborts it, and
    // every later fit and on-demand forecast of the process fails.
    await refused(
      '/admin/backtest',
      { kind: 'mlp', params: { units: [4096, 4096, 4096, 4096, 4096] } },
      'params',
      ['mlp', 'weights', "'units'"],
    );
    await refused(
      '/admin/retrain',
      {
        params: {
          members: [{ kind: 'linear' }, { kind: 'mlp', params: { units: [4096], members: 5000 } }],
        },
      },
      'params.members.1.params',
      ['mlp', "5000 networks ('members')"],
    );
    await refused(
      '/admin/retrain',
      { models: ['transformer'], params: { dModel: 4096, ffUnits: 4096, blocks: 8 } },
      'params',
      ['transformer', "'blocks'", "'dModel'"],
    );
    expect(await jobCount()).toBe(before);

    // Params the kind takes are queued as before (Swagger's example among them).
    await admin(http().post('/admin/backtest'))
      .send(BACKTEST_BODY_EXAMPLES.untrained.value)
      .expect(202);
    await admin(http().post('/admin/retrain'))
      .send({ models: ['linear'], params: { lags: 21 }, promote: false })
      .expect(202);
  });

  it('refuses bad list filters with field errors', async () => {
    for (const [query, field] of [
      ['state=done', 'state'],
      ['name=forecast', 'name'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['order=asc', 'order'],
    ] as const) {
      const r = await admin(http().get(`/admin/jobs?${query}`));
      expect({ query, status: r.status, fields: fields(r.body) }).toEqual({
        query,
        status: 400,
        fields: expect.arrayContaining([field]) as unknown,
      });
    }
    const ok = await admin(http().get('/admin/jobs?state=waiting&name=train&limit=500')).expect(
      200,
    );
    expect(ok.body).toEqual({ jobs: [] });
  });

  it('refuses job ids that are too long or hold other characters, on every job route', async () => {
    const bad = ['x'.repeat(301), 'a%24b', 'a%20b', 'batch-predict.%C3%A9', '%2E%2E%2Fetc'];
    for (const id of bad) {
      const responses = await Promise.all([
        http().get(`/predict/jobs/${id}`),
        http().get(`/predict/jobs/${id}/result`),
        admin(http().get(`/admin/jobs/${id}`)),
        admin(http().delete(`/admin/jobs/${id}`)),
      ]);
      for (const r of responses) {
        expect({ id, status: r.status, fields: fields(r.body) }).toEqual({
          id,
          status: 400,
          fields: ['id'],
        });
      }
    }
    // 300 characters of the allowed set is a well-formed id (of no job).
    const longest = `batch-predict.${'a'.repeat(286)}`;
    expect(longest).toHaveLength(300);
    await http().get(`/predict/jobs/${longest}`).expect(404);
    const format = await http().get(`/predict/jobs/${longest}/result?format=xml`).expect(400);
    expect(fields(format.body)).toEqual(['format']);
  });

  it('answers 401 without the admin key and 403 with a wrong one, on every admin job route', async () => {
    const id = 'train.00000000-0000-0000-0000-000000000000';
    const routes: [string, string][] = [
      ['post', '/admin/retrain'],
      ['post', '/admin/backtest'],
      ['post', '/admin/refresh-forecasts'],
      ['get', '/admin/jobs'],
      ['get', `/admin/jobs/${id}`],
      ['delete', `/admin/jobs/${id}`],
    ];
    for (const [method, path] of routes) {
      const call = (): request.Test =>
        method === 'post'
          ? http().post(path).send({})
          : method === 'get'
            ? http().get(path)
            : http().delete(path);
      const none = await call();
      expect({ path, status: none.status, error: (none.body as Envelope).error }).toEqual({
        path,
        status: 401,
        error: 'api_key_missing',
      });
      const wrong = await call().set('x-api-key', 'not-the-key');
      expect({ path, status: wrong.status, error: (wrong.body as Envelope).error }).toEqual({
        path,
        status: 403,
        error: 'api_key_invalid',
      });
    }
    // The predict routes are open, like POST /predict.
    await http().get(`/predict/jobs/batch-predict.none`).expect(404);
  });

  it('documents every job route, its errors (503 included) and every field with an example', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body as OpenApi;
    const expected: [string, string, string[]][] = [
      ['/predict/batch', 'post', ['202', '400', '409', '503']],
      ['/predict/jobs/{id}', 'get', ['200', '400', '404', '503']],
      ['/predict/jobs/{id}/result', 'get', ['200', '400', '404', '409', '503']],
      ['/admin/retrain', 'post', ['202', '400', '401', '403', '409', '503']],
      ['/admin/backtest', 'post', ['202', '400', '401', '403', '409', '503']],
      ['/admin/refresh-forecasts', 'post', ['202', '400', '401', '403', '409', '503']],
      ['/admin/jobs', 'get', ['200', '400', '401', '403', '503']],
      ['/admin/jobs/{id}', 'get', ['200', '400', '401', '403', '404', '503']],
      ['/admin/jobs/{id}', 'delete', ['200', '400', '401', '403', '404', '503']],
    ];
    for (const [path, method, statuses] of expected) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, statuses: Object.keys(op?.responses ?? {}).sort() }).toEqual({
        path,
        method,
        statuses: expect.arrayContaining(statuses) as unknown,
      });
    }
    for (const [path, method] of expected) {
      const secured = doc.paths[path][method].security !== undefined;
      expect({ path, method, secured }).toEqual({
        path,
        method,
        secured: path.startsWith('/admin/'),
      });
    }
    const submit = doc.paths['/predict/batch'].post;
    expect(submit.parameters?.map((p) => p.name)).toContain('Idempotency-Key');

    const dtos = [
      'BatchPredictRequestDto',
      'BatchJobAcceptedDto',
      'BatchJobStatusDto',
      'BatchSummaryDto',
      'BatchResultDto',
      'BatchItemForecastDto',
      'TrainJobRequestDto',
      'BacktestJobRequestDto',
      'RefreshForecastsJobRequestDto',
      'JobAcceptedDto',
      'JobDetailDto',
      'JobListDto',
      'JobCancelledDto',
    ];
    for (const name of dtos) {
      const props = doc.components.schemas[name]?.properties;
      expect({ name, defined: props !== undefined }).toEqual({ name, defined: true });
      for (const [prop, schema] of Object.entries(props ?? {})) {
        const described = typeof schema.description === 'string' && schema.description !== '';
        // Nested DTOs ($ref, arrays of $ref) carry their examples on their own properties.
        const nested = JSON.stringify(schema).includes('"$ref"');
        const exampled = 'example' in schema || nested;
        expect({ name, prop, described, exampled }).toEqual({
          name,
          prop,
          described: true,
          exampled: true,
        });
      }
    }
  });
});
