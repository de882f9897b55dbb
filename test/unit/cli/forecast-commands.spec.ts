import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

describe('freshcast train / backtest / predict', () => {
  let root: string;
  let data: string;
  let series: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-forecast-'));
    data = join(root, 'annex');
    await generateDataset(data, { items: 16, days: 200, start: '2022-03-01', seed: 11 });
    series = join(root, 'long.csv');
    const lines = ['unique_id,ds,y'];
    for (let s = 0; s < 3; s++) {
      for (let d = 0; d < 150; d++) {
        const ds = new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10);
        const dow = new Date(ds).getUTCDay();
        lines.push(
          `store-${s},${ds},${(10 + s * 5) * (dow === 0 || dow === 6 ? 1.4 : 1) + ((d * 7919) % 5)}`,
        );
      }
    }
    writeFileSync(series, lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backtest --json prints only JSON with every metric per model, seasonal naive included', async () => {
    const r = await cli([
      'backtest',
      '--data',
      data,
      '--target',
      'quantity',
      '--models',
      'ets,moving-average',
      '--horizon',
      '14',
      '--windows',
      '2',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { models: Record<string, Record<string, unknown>> };
    expect(Object.keys(json.models).sort()).toEqual(['ets', 'moving-average', 'seasonal-naive']);
    for (const key of [
      'wape',
      'mase',
      'mae',
      'rmse',
      'smape',
      'bias',
      'coverage_p10_p90',
      'pinball',
      'points',
      'series',
      'fit_seconds',
      'predict_seconds',
      'by_horizon',
    ]) {
      expect(json.models.ets).toHaveProperty(key);
    }
    expect(json.models.ets.points).toBeGreaterThan(0);
    // one entry per window, with its cutoff, WAPE, bias and coverage (not an object of nulls)
    const windows = json.models.ets.windows as Record<string, unknown>[];
    expect(windows).toHaveLength(2);
    for (const w of windows) {
      expect(typeof w.cutoff).toBe('string');
      for (const k of ['wape', 'bias', 'coverage_p10_p90', 'points'])
        expect(typeof w[k]).toBe('number');
    }
  });

  it('backtest prints a leaderboard table by default', async () => {
    const r = await cli([
      'backtest',
      '--series',
      series,
      '--models',
      'ets',
      '--horizon',
      '7',
      '--windows',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/seasonal-naive/);
    expect(r.out).toMatch(/ets/);
  });

  it('train --out saves a model that predict loads (json and csv)', async () => {
    const out = join(root, 'model-ets');
    const t = await cli([
      'train',
      '--series',
      series,
      '--target',
      'quantity',
      '--model',
      'ets',
      '--horizon',
      '7',
      '--windows',
      '1',
      '--out',
      out,
    ]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/WAPE/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    const p = await cli([
      'predict',
      '--model',
      out,
      '--series',
      series,
      '--ids',
      'store-1',
      '--json',
    ]);
    expect(p.code).toBe(0);
    const json = JSON.parse(p.out) as {
      forecasts: {
        seriesId: string;
        dates: string[];
        quantiles: { p10: number[]; p90: number[] };
      }[];
    };
    expect(json.forecasts).toHaveLength(1);
    expect(json.forecasts[0].seriesId).toBe('store-1');
    expect(json.forecasts[0].dates[0]).toBe('2023-05-31');
    expect(json.forecasts[0].dates).toHaveLength(7);
    const csv = await cli(['predict', '--model', out, '--series', series, '--csv']);
    expect(csv.out.split('\n')[0]).toBe('unique_id,ds,mean,p10,p50,p90');
    expect(csv.out.trim().split('\n')).toHaveLength(1 + 3 * 7);
    // the folder holds the model only: no empty `.tmp/` left by the artifact store
    expect(readdirSync(out)).not.toContain('.tmp');
  });

  it('never writes an output over the data it reads (exit 2, the input unchanged)', async () => {
    const copy = join(root, 'input-copy.csv');
    copyFileSync(series, copy);
    const before = readFileSync(copy, 'utf8');
    const backtest = await cli([
      ...['backtest', '--series', copy, '--models', 'ets', '--horizon', '7', '--windows', '1'],
      ...['--html', copy],
    ]);
    expect(backtest.code).toBe(2);
    expect(backtest.err).toContain(`--html ${copy} is the input file`);
    expect(backtest.out).toBe('');
    const predict = await cli([
      ...['predict', '--model', join(root, 'model-ets'), '--series', copy],
      ...['--html', join(root, '.', 'input-copy.csv')],
    ]);
    expect(predict.code).toBe(2);
    expect(predict.err).toContain('is the input file');
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });

  it('refuses, before any work, an output path of the wrong type', async () => {
    const folder = join(root, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const html = await cli([
      ...['backtest', '--series', series, '--models', 'ets', '--horizon', '7', '--windows', '1'],
      ...['--html', folder],
    ]);
    expect(html.code).toBe(2);
    expect(html.err).toContain(`--html ${folder} is a folder`);
    expect(html.out).toBe('');
    const file = join(root, 'a-file.txt');
    writeFileSync(file, 'keep me\n');
    const train = await cli([
      ...['train', '--series', series, '--model', 'ets', '--windows', '0', '--out', file],
    ]);
    expect(train.code).toBe(2);
    expect(train.err).toContain(`--out ${file} is a file`);
    expect(train.err).not.toMatch(/fitting/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    // A device is no folder either: refused now, not after the training.
    const device = await cli([
      ...['train', '--series', series, '--model', 'ets', '--windows', '0', '--out', '/dev/null'],
    ]);
    expect(device.code).toBe(2);
    expect(device.err).toContain('--out /dev/null is not a folder: give a folder for the model');
    expect(device.err).not.toMatch(/fitting/);
  });

  it('predict names what is wrong with a damaged model folder on one line', async () => {
    const damaged = join(root, 'model-damaged');
    mkdirSync(damaged, { recursive: true });
    const header = JSON.parse(readFileSync(join(root, 'model-ets', 'forecaster.json'), 'utf8')) as {
      kind: string;
      params: Record<string, unknown>;
    };
    // an ets state under the gbt kind: the state does not match the kind's schema
    writeFileSync(
      join(damaged, 'forecaster.json'),
      JSON.stringify({ ...header, kind: 'gbt', params: {} }),
    );
    const r = await cli(['predict', '--model', damaged, '--series', series]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^freshcast predict: Cannot restore gbt: malformed model state \(.+\)\n$/,
    );
  });

  it('predict refuses a forecast that would run past 9999-12-31, the last date there is', async () => {
    // The days after it came out as `+010000-01` (and --html threw "Invalid time value").
    const late = join(root, 'late.csv');
    const rows = Array.from({ length: 60 }, (_, d) => {
      const ds = new Date(Date.UTC(9999, 10, 2 + d)).toISOString().slice(0, 10);
      return `a,${ds},${(d % 7) + 1}`;
    });
    writeFileSync(late, ['unique_id,ds,y', ...rows].join('\n') + '\n');
    expect(rows.at(-1)).toBe('a,9999-12-31,4');
    const model = join(root, 'model-late');
    const trained = await cli([
      ...['train', '--series', late, '--model', 'seasonal-naive'],
      ...['--windows', '0', '--horizon', '14', '--out', model],
    ]);
    expect(trained.code).toBe(0);
    const refused = await cli(['predict', '--model', model, '--series', late, '--csv']);
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: expect.stringMatching(
        /\nfreshcast predict: a 14-day forecast after 9999-12-31 would run past 9999-12-31, the last date there is\n$/,
      ),
    });
    const fits = await cli([
      ...['predict', '--model', model, '--series', late, '--csv'],
      ...['--cutoff', '9999-12-17'],
    ]);
    expect(fits.code).toBe(0);
    expect(fits.out.trimEnd().split('\n').at(-1)).toMatch(/^a,9999-12-31,/);
  });

  it("predict refuses a --target other than the saved model's", async () => {
    const r = await cli([
      ...['predict', '--model', join(root, 'model-ets'), '--series', series],
      ...['--target', 'wholesale'],
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--target wholesale, but the model');
    expect(r.err).toContain('forecasts quantity');
    expect(r.out).toBe('');
  });

  it('gives clear errors: unknown kind (2), missing data (1), unknown series (1), bad horizon (2)', async () => {
    const k = await cli(['train', '--data', data, '--model', 'prophet', '--out', join(root, 'x')]);
    expect(k.code).toBe(2);
    expect(k.err).toMatch(/unknown model kind "prophet".*seasonal-naive/);
    const m = await cli(['backtest', '--data', join(root, 'nowhere'), '--models', 'ets']);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/nowhere/);
    const out = join(root, 'model-ets');
    const u = await cli(['predict', '--model', out, '--series', series, '--ids', 'store-9']);
    expect(u.code).toBe(1);
    expect(u.err).toMatch(/unknown series: store-9/);
    // Series too short for the model: an error, not an empty table and exit 0.
    const short = join(root, 'short.csv');
    writeFileSync(short, 'unique_id,ds,y\nstore-0,2023-01-01,4\nstore-0,2023-01-02,5\n');
    const s = await cli(['predict', '--model', out, '--series', short]);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/no series has the \d+ observed days ets needs up to 2023-01-02/);
    expect(s.out).toBe('');
    const h = await cli(['backtest', '--series', series, '--horizon', '0']);
    expect(h.code).toBe(2);
    const n = await cli(['train', '--series', series, '--model', 'ets']);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/--out DIR/);
  });

  it('names the option and the numbers it takes when given a negative one (exit 2)', async () => {
    for (const [args, message] of [
      [
        ['backtest', '--series', series, '--windows', '-1'],
        /--windows must be between 1 and 50 \(got -1\)/,
      ],
      [
        ['backtest', '--series', series, '--horizon', '-5'],
        /--horizon must be between 1 and 60 \(got -5\)/,
      ],
      [
        ['backtest', '--series', series, '--step', '-.5'],
        /--step must be an integer \(got "-.5"\)/,
      ],
      [
        ['train', '--series', series, '--model', 'ets', '--out', join(root, 'neg'), '--seed', '-5'],
        /--seed must be between 0 and 2147483647 \(got -5\)/,
      ],
      [
        [
          'train',
          '--series',
          series,
          '--model',
          'ets',
          '--out',
          join(root, 'neg'),
          '--time-budget',
          '-1.5',
        ],
        /--time-budget must be between 1 and 86400 \(got -1.5\)/,
      ],
      [
        [
          'train',
          '--series',
          series,
          '--model',
          'ets',
          '--out',
          join(root, 'neg'),
          '--budget',
          '-5m',
        ],
        /--budget/,
      ],
    ] as const) {
      const r = await cli([...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/ambiguous/);
    }
    // A value is still missing when the next word is an option, and `--` ends the options as before.
    const missing = await cli(['backtest', '--series', series, '--windows', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--windows/);
    expect(existsSync(join(root, 'neg'))).toBe(false);
  });

  it('train --params passes the kind its hyperparameters, and rejects bad ones', async () => {
    const out = join(root, 'model-linear');
    const t = await cli([
      'train',
      '--series',
      series,
      '--model',
      'linear',
      '--params',
      '{"lags":21,"l2":0.01}',
      '--horizon',
      '7',
      '--windows',
      '0',
      '--out',
      out,
    ]);
    expect(t.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      params: Record<string, unknown>;
    };
    expect(manifest.params).toMatchObject({ lags: 21, l2: 0.01 });
    const bad = await cli(['train', '--series', series, '--model', 'linear', '--params', '[1]']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--params must be a JSON object/);
    const out2 = join(root, 'x2');
    const range = await cli([
      ...['train', '--series', series, '--model', 'linear', '--windows', '0'],
      ...['--params', '{"lags":2}', '--out', out2],
    ]);
    expect(range.code).toBe(2);
    expect(range.err).toMatch(/lags/);
  });

  it('train refuses, before reading any data, network params the neural kind cannot build', async () => {
    // The data path does not exist: the params are refused first.
    const missing = join(root, 'no-such-data.csv');
    const out = join(root, 'never');
    const heads = await cli([
      ...['train', '--series', missing, '--model', 'transformer', '--windows', '0'],
      ...['--params', '{"heads":3}', '--out', out],
    ]);
    expect(heads.code).toBe(2);
    expect(heads.err).toMatch(
      /--params: transformer: param 'dModel' \(32\) must be a multiple of 'heads' \(3\)/,
    );
    const member = await cli([
      ...['train', '--series', missing, '--model', 'ensemble', '--out', out, '--params'],
      '{"members":[{"kind":"linear"},{"kind":"lstm","params":{"lookback":5}}]}',
    ]);
    expect(member.code).toBe(2);
    expect(member.err).toMatch(
      /--params\.members\.1\.params: lstm: param 'patch' \(7\).*'lookback'/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to train on series too short for a backtest window', async () => {
    const short = join(root, 'short.csv');
    writeFileSync(short, 'unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\na,2024-01-03,3\n');
    const r = await cli([
      'train',
      '--series',
      short,
      '--model',
      'ets',
      '--out',
      join(root, 'short-model'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err.length).toBeGreaterThan(0);
  });
});
