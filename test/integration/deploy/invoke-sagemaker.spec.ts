import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { deploySageMakerCommand } from '../../../src/cli/commands/deploy-sagemaker.command.js';
import { addDays } from '../../../src/data/dates.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { saveModelDir } from '../../../src/forecasting/io/model-dir.js';
import { modelDirPackage } from '../../../src/sagemaker/deploy/model-package.js';
import { tarGzStream } from '../../../src/sagemaker/deploy/tar-gz.writer.js';
import { SageMakerController } from '../../../src/sagemaker/sagemaker.controller.js';
import { SageMakerModelService } from '../../../src/sagemaker/sagemaker-model.service.js';
import { readAllBytes } from '../../../src/storage/stream-bytes.js';
import { startSageMakerWire, type SageMakerWire } from '../../helpers/sagemaker-wire.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';
import { startModuleApp, testConfig } from '../../helpers/test-app.factory.js';

const START = '2026-01-01';
const DAYS = 50;

/** A long-format CSV: two items with a weekly pattern; item B has no row on its 10th day. */
function writeSeries(file: string): void {
  const lines = ['unique_id,ds,y'];
  for (let t = 0; t < DAYS; t++) {
    lines.push(`A,${addDays(START, t)},${10 + (t % 7)}`);
    if (t !== 9) lines.push(`B,${addDays(START, t)},${100 + 2 * (t % 7)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('freshcast deploy sagemaker --invoke (runtime SDK → recording endpoint → the serving adapter)', () => {
  let root: string;
  let series: string;
  let wire: SageMakerWire;
  let app: NestFastifyApplication;
  let appUrl: string;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const env = {
      NODE_ENV: 'test',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_SAGEMAKER: wire.url,
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: wire.url,
    };
    const code = await runCli(
      ['deploy', 'sagemaker', '--invoke', ...argv],
      [deploySageMakerCommand({ env })],
      io,
    );
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-invoke-sm-'));
    series = join(root, 'series.csv');
    writeSeries(series);
    // the container's model: a model folder packaged the way deploy does, unpacked as SageMaker does
    const modelDir = join(root, 'model');
    const forecaster = await createForecaster('seasonal-naive');
    await forecaster.fit(syntheticPanel({ series: 2, days: 40 }), {
      target: 'quantity',
      horizon: 7,
    });
    await saveModelDir(modelDir, forecaster, { kind: forecaster.kind, horizon: 7 });
    forecaster.dispose();
    const tarball = join(root, 'model.tar.gz');
    writeFileSync(
      tarball,
      await readAllBytes(tarGzStream((await modelDirPackage(modelDir)).entries)),
    );
    const optMl = join(root, 'opt-ml-model');
    mkdirSync(optMl);
    execFileSync('tar', ['-xzf', tarball, '-C', optMl]);
    app = await startModuleApp({
      controllers: [SageMakerController],
      providers: [SageMakerModelService],
      config: testConfig({ sagemaker: { enabled: true, modelDir: optMl } }),
    });
    expect(await app.get(SageMakerModelService).whenLoaded()).toBe('ready');
    await app.listen(0, '127.0.0.1');
    appUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    wire = await startSageMakerWire();
    wire.onInvoke = async (_endpoint, body) => {
      const res = await fetch(`${appUrl}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return [res.status, await res.text()];
    };
  });
  afterEach(() => wire.stop());

  it('sends a DeepAR request built from the items’ history and prints the forecast table', async () => {
    const res = await run(
      '--endpoint',
      'fc-demand',
      '--item',
      'A',
      '--item',
      'B',
      '--series',
      series,
      '--context',
      '14',
      '--prediction-length',
      '3',
    );
    expect(res.stderr).not.toMatch(/failed/);
    expect(res.code).toBe(0);
    expect(wire.actions()).toEqual(['InvokeEndpoint']);
    const [req] = wire.requests;
    expect(req.path).toBe('/endpoints/fc-demand/invocations');
    expect(req.headers['content-type']).toBe('application/json');
    expect(String(req.headers.authorization)).toContain('/eu-west-1/sagemaker/aws4_request');
    const first = addDays(START, DAYS - 14);
    expect(req.body).toEqual({
      instances: [
        { start: first, target: Array.from({ length: 14 }, (_, i) => 10 + ((DAYS - 14 + i) % 7)) },
        {
          start: first,
          target: Array.from({ length: 14 }, (_, i) => 100 + 2 * ((DAYS - 14 + i) % 7)),
        },
      ],
      configuration: {
        quantiles: ['0.1', '0.5', '0.9'],
        output_types: ['mean', 'quantiles'],
        prediction_length: 3,
      },
    });
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['ITEM', 'DATE', 'MEAN', 'P10', 'P50', 'P90']);
    expect(lines).toHaveLength(1 + 2 * 3);
    // seasonal naive: the next days repeat last week's values
    const a1 = lines[1].split(/\s+/);
    expect(a1[0]).toBe('A');
    expect(a1[1]).toBe(addDays(START, DAYS));
    expect(Number(a1[2])).toBeCloseTo(10 + ((DAYS - 7) % 7), 3);
    expect(lines[4].split(/\s+/)[0]).toBe('B');

    const json = await run(
      '--endpoint',
      'fc-demand',
      '--item',
      'B',
      '--series',
      series,
      '--quantiles',
      '0.5',
      '--json',
    );
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as {
      predictions: { mean: number[]; quantiles: Record<string, number[]> }[];
    };
    expect(answer.predictions).toHaveLength(1);
    expect(Object.keys(answer.predictions[0].quantiles)).toEqual(['0.5']);
    expect(answer.predictions[0].mean).toHaveLength(7);
  });

  it('sends missing days as null', async () => {
    const res = await run(
      '--endpoint',
      'fc-demand',
      '--item',
      'B',
      '--series',
      series,
      '--context',
      String(DAYS),
      '--json',
    );
    expect(res.code).toBe(0);
    const body = wire.requests[0].body as { instances: { target: (number | null)[] }[] };
    expect(body.instances[0].target[9]).toBeNull();
  });

  it.each([
    [['--endpoint', 'fc-demand', '--item', 'nope', '--series'], 2, /unknown item nope/],
    [['--endpoint', 'fc-demand', '--series'], 2, /at least one --item/],
    [
      ['--endpoint', 'fc-demand', '--item', 'A', '--quantiles', '0.25', '--series'],
      2,
      /quantile 0.25 is not served/,
    ],
    [
      ['--endpoint', 'fc-demand', '--item', 'A', '--role', 'x', '--series'],
      2,
      /--role do not apply to --invoke/,
    ],
  ])('bad input %j → exit %d', async (argv, code, message) => {
    const res = await run(...argv, series);
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(message);
    expect(wire.actions()).toEqual([]);
  });

  it('reports the endpoint’s own error (a 4xx from the container) and exits 1', async () => {
    wire.onInvoke = () =>
      Promise.resolve([
        400,
        JSON.stringify({ message: 'instances.0.target: at least 7 observed values are needed' }),
      ]);
    const res = await run('--endpoint', 'fc-demand', '--item', 'A', '--series', series);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/InvokeEndpoint failed/);
  });
});
