import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { FORECAST_COMMANDS } from '../../../src/cli/commands/forecast.commands.js';
import { generateDataset } from '../../../src/data/generator/dataset.generator.js';

async function cli(args: string[]) {
  const io = memoryIo();
  const code = await runCli(args, FORECAST_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('freshcast tune', () => {
  let root: string;
  let data: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-tune-'));
    data = join(root, 'annex');
    await generateDataset(data, { items: 12, days: 220, start: '2022-03-01', seed: 5 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(['20 minutes', '0', '-5m', '25h', 'm', '10x'])(
    'refuses --budget %p with a clear message and exit code 2',
    async (budget) => {
      const r = await cli(['tune', '--model', 'linear', `--budget=${budget}`, '--data', data]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--budget must be a duration up to 24h such as 90s, 20m or 1h');
    },
  );

  it('refuses a missing budget and a kind without a parameter space', async () => {
    const missing = await cli(['tune', '--model', 'linear', '--data', data]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--budget is required');
    const naive = await cli([
      'tune',
      '--model',
      'seasonal-naive',
      '--budget',
      '1m',
      '--data',
      data,
    ]);
    expect(naive.code).toBe(2);
    expect(naive.err).toContain('cannot be tuned');
  });

  it('refuses, before tuning, an --out that is its input, a folder or in a missing folder', async () => {
    const series = join(root, 'series.csv');
    writeFileSync(series, 'unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\n');
    const cases: [string, string][] = [
      [series, `--out ${series} is the input file`],
      [root, `--out ${root} is a folder`],
      [join(root, 'missing', 'tune.json'), 'does not exist'],
    ];
    for (const [out, message] of cases) {
      const r = await cli([
        ...['tune', '--model', 'linear', '--budget', '5s', '--series', series, '--out', out],
      ]);
      expect({ out, code: r.code }).toEqual({ out, code: 2 });
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/^tune:/m); // no progress: nothing was tuned
    }
    expect(readFileSync(series, 'utf8')).toBe('unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\n');
  });

  it('refuses data too short for the windows, with exit code 1', async () => {
    const r = await cli([
      'tune',
      '--model',
      'moving-average',
      '--budget',
      '5s',
      '--data',
      data,
      '--windows',
      '6',
      '--eval-windows',
      '3',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('too few for 6 tuning window(s)');
  });

  it('writes the trials and best params, which train --params-from records in the manifest', async () => {
    const out = join(root, 'tuned.json');
    const t = await cli([
      'tune',
      '--model',
      'moving-average',
      '--budget',
      '8s',
      '--data',
      data,
      '--horizon',
      '14',
      '--windows',
      '2',
      '--eval-windows',
      '1',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    // A search ends at its budget: 8 s leaves the first bracket (12 cheap backtests) room on a loaded
    // machine, where 3 s once ran out before any trial was scored on both windows (exit 1).
    expect(t.out).toMatch(/best: +mean WAPE/); // first: a failure shows the report
    expect(t.code).toBe(0);
    const tuned = JSON.parse(readFileSync(out, 'utf8')) as {
      best: { params: { window: number }; meanWape: number };
      trials: { scores: { cutoff: string }[] }[];
      evaluationCutoffs: string[];
    };
    expect(tuned.trials.length).toBeGreaterThan(1);
    for (const trial of tuned.trials)
      for (const s of trial.scores) expect(s.cutoff < tuned.evaluationCutoffs[0]).toBe(true);

    const model = join(root, 'model');
    const tr = await cli([
      'train',
      '--data',
      data,
      '--model',
      'moving-average',
      '--params-from',
      out,
      '--horizon',
      '14',
      '--windows',
      '1',
      '--out',
      model,
    ]);
    expect(tr.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as {
      params: { window: number };
      paramsSource: { origin: string; tuneJob: string; tuneMeanWape: number };
    };
    expect(manifest.params.window).toBe(tuned.best.params.window);
    expect(manifest.paramsSource).toEqual({
      origin: 'tune',
      tuneJob: 'file:tuned.json',
      tuneMeanWape: tuned.best.meanWape,
    });

    const wrongKind = await cli([
      'train',
      '--data',
      data,
      '--model',
      'ets',
      '--params-from',
      out,
      '--out',
      model,
    ]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.err).toContain('tuned moving-average, not ets');
  });
});
