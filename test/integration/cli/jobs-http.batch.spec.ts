import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { route, jobsCliSuite } from '../../fixtures/cli/jobs-fixture-server.js';

describe('freshcast jobs batch --server URL (HTTP transport against a fixture server)', () => {
  const suite = jobsCliSuite();
  const { fixture, run } = suite;

  it('batch --wait polls the public status route and writes the CSV result to --out', async () => {
    let polls = 0;
    const csv = 'item_code,date,mean,p10,p50,p90\nA1,2026-11-29,1,0,1,2\nB2,2026-11-29,2,1,2,3\n';
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 202,
        json: {
          job_id: 'batch-predict.5',
          status_url: '/predict/jobs/batch-predict.5',
          result_url: '/predict/jobs/batch-predict.5/result',
          deduplicated: false,
        },
      })),
      route('GET', '/predict/jobs/batch-predict.5', () => {
        polls++;
        const done = polls > 1;
        return {
          status: 200,
          json: {
            job_id: 'batch-predict.5',
            name: 'batch-predict',
            state: done ? 'completed' : 'active',
            progress: done ? 100 : 50,
            stage: 'forecast',
            attempts: done ? 1 : 0,
            max_attempts: 3,
            created_at: '2026-11-29T01:30:00.000Z',
            started_at: '2026-11-29T01:30:01.000Z',
            finished_at: done ? '2026-11-29T01:30:03.000Z' : null,
            error: null,
            result_url: done ? '/predict/jobs/batch-predict.5/result' : null,
            summary: done ? { series_count: 2 } : null,
          },
        };
      }),
      route('GET', '/predict/jobs/batch-predict.5/result?format=csv', () => ({
        status: 200,
        text: csv,
        contentType: 'text/csv; charset=utf-8',
      })),
    ];
    suite.env = { NODE_ENV: 'test' }; // no admin key needed for the public routes
    const out = join(suite.dir, 'out.csv');
    const res = await run(
      'jobs',
      'batch',
      '--server',
      fixture.url,
      '--items',
      'A1,B2',
      '--target',
      'price',
      '--horizon',
      '14',
      '--date',
      '2026-11-28',
      '--model',
      'staging',
      '--format',
      'csv',
      '--wait',
      '--out',
      out,
    );
    expect(res.code).toBe(0);
    expect(fixture.requests[0].body).toEqual({
      item_codes: ['A1', 'B2'],
      target: 'price',
      horizon: 14,
      date: '2026-11-28',
      format: 'csv',
      model: 'staging',
    });
    expect(fixture.requests.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
    expect(fixture.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /predict/batch',
      'GET /predict/jobs/batch-predict.5',
      'GET /predict/jobs/batch-predict.5',
      'GET /predict/jobs/batch-predict.5/result?format=csv',
    ]);
    expect(await readFile(out, 'utf8')).toBe(csv);
    expect(res.stdout).toBe('batch-predict.5\n');
    expect(res.stderr).toContain(
      `batch job batch-predict.5: forecasts for 2 series (csv) → ${out}`,
    );
  });

  it('batch without --wait prints the job id and how to follow it', async () => {
    fixture.routes = [
      route('POST', '/predict/batch', () => ({
        status: 202,
        json: { job_id: 'batch-predict.6', status_url: 's', result_url: 'r', deduplicated: false },
      })),
    ];
    const res = await run('jobs', 'batch', '--all', '--server', fixture.url);
    expect(res.code).toBe(0);
    expect(fixture.requests[0].body).toEqual({ all: true, format: 'json' });
    expect(fixture.requests[0].headers['idempotency-key']).toBeUndefined();
    expect(res.stdout).toBe('batch-predict.6\n');
    expect(res.stderr).toContain(
      `follow it with: freshcast jobs show batch-predict.6 --server ${fixture.url}`,
    );
    expect(res.stderr).toContain('then fetch the result: freshcast jobs result batch-predict.6');
  });
});
