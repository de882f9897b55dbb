import {
  envelope,
  FixtureServer,
  jobsCliSuite,
  route,
} from '../../fixtures/cli/jobs-fixture-server.js';

function adminJob(id: string, over: Record<string, unknown> = {}) {
  return {
    job_id: id,
    name: 'train',
    state: 'active',
    progress: 40,
    stage: 'fit',
    progress_detail: { epoch: 4 },
    attempts: 0,
    max_attempts: 2,
    payload: { kinds: ['ets'], target: 'quantity', promote: true },
    result: null,
    result_pointer: null,
    error: null,
    created_at: '2026-11-29T01:30:00.000Z',
    started_at: '2026-11-29T01:30:01.000Z',
    finished_at: null,
    ...over,
  };
}

const trainResult = {
  target: 'quantity',
  candidates: [
    {
      modelVersion: 'quantity-ets-v2',
      kind: 'ets',
      fit: { epochs: 1, finalLoss: null, seconds: 2.5, samplesPerSec: 10 },
      backtest: {
        model: { wape: 0.25, mase: 0.8, coverage: 0.81 },
        seasonalNaive: { wape: 0.4, mase: 1, coverage: null },
      },
    },
  ],
  modelVersion: 'quantity-ets-v2',
  stage: 'staging',
  promoted: false,
  previousProd: 'quantity-lstm-v1',
  gateFailures: ['wape 0.25 is not better than prod 0.22'],
};

describe('freshcast jobs … --server URL (HTTP transport against a fixture server)', () => {
  const suite = jobsCliSuite();
  const { fixture, run } = suite;

  it('lists jobs through GET /admin/jobs with the filters and the API key', async () => {
    fixture.routes = [
      route('GET', /^\/admin\/jobs(\?|$)/, () => ({
        status: 200,
        json: {
          jobs: [
            adminJob('train.2'),
            adminJob('batch-predict.1', {
              name: 'batch-predict',
              state: 'completed',
              progress: 100,
              attempts: 1,
              max_attempts: 3,
            }),
          ],
        },
      })),
    ];
    const res = await run(
      'jobs',
      'list',
      '--server',
      fixture.url,
      '--api-key',
      'flag-key',
      '--state',
      'active',
      '--name',
      'train',
      '--limit',
      '5',
    );
    expect(res.code).toBe(0);
    expect(fixture.requests).toHaveLength(1);
    expect(fixture.requests[0].url).toBe('/admin/jobs?state=active&name=train&limit=5');
    expect(fixture.requests[0].headers['x-api-key']).toBe('flag-key');
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[1].split(/\s{2,}/)).toEqual([
      'train.2',
      'train',
      'active',
      '40% fit',
      '0/2',
      '2026-11-29 01:30:00Z',
    ]);
    expect(lines[2].split(/\s{2,}/).slice(0, 5)).toEqual([
      'batch-predict.1',
      'batch-predict',
      'completed',
      '100%',
      '1/3',
    ]);

    const json = await run('jobs', 'list', '--json');
    expect(fixture.requests[1].url).toBe('/admin/jobs');
    expect(fixture.requests[1].headers['x-api-key']).toBe('env-key');
    const parsed = JSON.parse(json.stdout) as { jobs: unknown[] };
    expect(parsed.jobs[0]).toEqual(adminJob('train.2'));
  });

  it('shows and cancels a job through the admin routes', async () => {
    fixture.routes = [
      route('GET', '/admin/jobs/train.2', () => ({ status: 200, json: adminJob('train.2') })),
      route('DELETE', '/admin/jobs/train.2', () => ({
        status: 200,
        json: { job_id: 'train.2', outcome: 'cancelling' },
      })),
      route('DELETE', '/admin/jobs/train.9', () => ({
        status: 404,
        json: envelope('job_not_found', 'No job train.9'),
      })),
    ];
    const shown = await run('jobs', 'show', 'train.2', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(adminJob('train.2'));
    const human = await run('jobs', 'show', 'train.2');
    expect(human.stdout).toMatch(/^progress\s+40% fit$/m);
    expect(human.stdout).toMatch(/^detail\s+\{"epoch":4\}$/m);

    const cancelled = await run('jobs', 'cancel', 'train.2');
    expect(cancelled.stdout).toBe(
      'job train.2: cancelling: it is running and stops at its next checkpoint\n',
    );
    expect(fixture.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /admin/jobs/train.2',
      'GET /admin/jobs/train.2',
      'DELETE /admin/jobs/train.2',
    ]);
    const missing = await run('jobs', 'cancel', 'train.9');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('freshcast jobs cancel: No job train.9\n');
  });

  it('retrain --wait posts the request, follows the job and prints the training summary', async () => {
    let polls = 0;
    fixture.routes = [
      route('POST', '/admin/retrain', () => ({
        status: 202,
        json: { job_id: 'train.7', status_url: '/admin/jobs/train.7', deduplicated: false },
      })),
      route('GET', '/admin/jobs/train.7', () => {
        polls++;
        if (polls === 1)
          return {
            status: 200,
            json: adminJob('train.7', { state: 'waiting', progress: 0, stage: null }),
          };
        if (polls === 2) return { status: 200, json: adminJob('train.7', { stage: 'backtest' }) };
        return {
          status: 200,
          json: adminJob('train.7', { state: 'completed', progress: 100, result: trainResult }),
        };
      }),
    ];
    const res = await run(
      'jobs',
      'retrain',
      '--models',
      'ets,lstm',
      '--time-budget',
      '60',
      '--no-promote',
      '--idempotency-key',
      'nightly',
      '--wait',
    );
    expect(res.code).toBe(0);
    const post = fixture.requests[0];
    expect(post.method).toBe('POST');
    expect(post.body).toEqual({ models: ['ets', 'lstm'], time_budget_s: 60, promote: false });
    expect(post.headers['idempotency-key']).toBe('nightly');
    expect(post.headers['x-api-key']).toBe('env-key');
    expect(polls).toBe(3);
    expect(res.stdout.split('\n')[0]).toBe('train.7');
    expect(res.stdout).toMatch(
      /^quantity-ets-v2\s+ets\s+0\.2500\s+0\.4000\s+0\.8100\s+1\s+2\.5s$/m,
    );
    expect(res.stdout).toContain('chosen: quantity-ets-v2 (staging)');
    expect(res.stdout).toContain('not promoted: failed gates: wape 0.25 is not better than prod');
    expect(res.stderr).toContain(`queued train job train.7 (server ${fixture.url})`);
    expect(res.stderr).toContain('train: 0/100 waiting for a worker');
    expect(res.stderr).toMatch(/train: done in \d+\.\ds completed/);
  });

  it('retrain --wait exits 1 with the error of a failed job', async () => {
    fixture.routes = [
      route('POST', '/admin/retrain', () => ({
        status: 202,
        json: { job_id: 'train.8', status_url: '/admin/jobs/train.8', deduplicated: true },
      })),
      route('GET', '/admin/jobs/train.8', () => ({
        status: 200,
        json: adminJob('train.8', { state: 'failed', attempts: 2, error: 'no data for price' }),
      })),
    ];
    const res = await run('jobs', 'retrain', '--target', 'price', '--wait');
    expect(res.code).toBe(1);
    expect(fixture.requests[0].body).toEqual({ target: 'price', promote: true });
    expect(res.stderr).toContain('train job train.8 already exists (same idempotency key)');
    expect(res.stderr).toContain('freshcast jobs retrain: job train.8 failed: no data for price\n');
  });

  it('shows the message (and field details) of an error envelope', async () => {
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 400,
        json: envelope('validation_failed', 'Invalid request body', [
          { field: 'item_codes.0', message: 'unknown item ZZZ' },
          { field: '', message: 'give item_codes or all' },
        ]),
      })),
      route('GET', '/predict/jobs/batch-predict.1/result?format=json', () => ({
        status: 409,
        json: envelope('job_not_finished', 'Job batch-predict.1 is still active'),
      })),
    ];
    const invalid = await run('jobs', 'batch', '--items', 'ZZZ');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      'freshcast jobs batch: Invalid request body: item_codes.0: unknown item ZZZ; give item_codes or all\n',
    );
    const early = await run('jobs', 'result', 'batch-predict.1');
    expect(early.code).toBe(1);
    expect(early.stderr).toBe('freshcast jobs result: Job batch-predict.1 is still active\n');
  });

  it('says how to give the admin key when an admin route answers 401 without one', async () => {
    fixture.routes = [
      route('GET', '/admin/jobs', (req) =>
        req.headers['x-api-key'] === undefined
          ? {
              status: 401,
              json: envelope(
                'unauthorized',
                'This route needs an admin API key in the x-api-key header',
              ),
            }
          : { status: 200, json: { jobs: [] } },
      ),
    ];
    suite.env = { NODE_ENV: 'test', FRESHCAST_SERVER: fixture.url };
    const res = await run('jobs', 'list');
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'freshcast jobs list: This route needs an admin API key in the x-api-key header ' +
        '(pass --api-key KEY or set FRESHCAST_API_KEY)\n',
    );
    const ok = await run('jobs', 'list', '--api-key', 'k');
    expect(ok).toEqual({ code: 0, stdout: 'no jobs\n', stderr: '' });
  });

  it('names the URL when nothing listens there, and reports a non-JSON failure', async () => {
    const gone = new FixtureServer();
    await gone.start();
    await gone.stop();
    const refused = await run('jobs', 'list', '--server', gone.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `freshcast jobs list: cannot reach the freshcast server at ${gone.url} (ECONNREFUSED): ` +
        'is it running? (--server / FRESHCAST_SERVER)\n',
    );

    fixture.routes = [
      route('GET', '/admin/jobs/train.1', () => ({
        status: 502,
        text: '<html>Bad Gateway</html>',
        contentType: 'text/html',
      })),
    ];
    const proxy = await run('jobs', 'show', 'train.1', '--server', `${fixture.url}/`);
    expect(proxy.code).toBe(1);
    expect(proxy.stderr).toBe(
      'freshcast jobs show: GET /admin/jobs/train.1: the server answered HTTP 502\n',
    );
  });
});
