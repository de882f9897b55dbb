import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { deploySageMakerCommand } from '../../../src/cli/commands/deploy-sagemaker.command.js';
import { createForecaster, saveForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { saveModelDir } from '../../../src/forecasting/io/model-dir.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { S3ArtifactStore } from '../../../src/storage/s3.driver.js';
import { startS3rver, type RunningS3rver } from '../../helpers/s3rver.js';
import { startSageMakerWire, type SageMakerWire } from '../../helpers/sagemaker-wire.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';
import { manifestInput } from '../registry/registry-fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/FreshcastSageMaker';
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/freshcast:1.0.0';
const AT = new Date(Date.UTC(2026, 11, 7, 9, 30, 5));

describe('freshcast deploy sagemaker (real SDK against a recording SageMaker endpoint and s3rver)', () => {
  let root: string;
  let modelDir: string;
  let s3: RunningS3rver;
  let wire: SageMakerWire;
  let s3Client: S3Client;
  let env: NodeJS.ProcessEnv;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const cmd = deploySageMakerCommand({ env, pollIntervalMs: 5, clock: () => AT });
    const code = await runCli(['deploy', 'sagemaker', ...argv], [cmd], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const deployArgs = (endpoint: string, model = modelDir) => [
    '--model',
    model,
    '--endpoint',
    endpoint,
    '--image',
    IMAGE,
    '--role',
    ROLE,
  ];

  /** Downloads an object of the bucket and lists/unpacks it with the system tar. */
  const unpack = async (key: string): Promise<{ listing: string[]; dir: string }> => {
    const res = await s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const file = join(root, `dl-${Math.random().toString(16).slice(2)}.tar.gz`);
    writeFileSync(file, await res.Body!.transformToByteArray());
    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    const dir = `${file}.d`;
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    return { listing, dir };
  };
  const keysUnder = async (prefix: string): Promise<string[]> => {
    const res = await s3Client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }),
    );
    return (res.Contents ?? []).map((o) => o.Key ?? '');
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-deploy-sm-'));
    modelDir = join(root, 'model');
    const forecaster = await createForecaster('seasonal-naive');
    await forecaster.fit(syntheticPanel({ series: 3, days: 60 }), {
      target: 'quantity',
      horizon: 7,
    });
    await saveModelDir(modelDir, forecaster, { kind: forecaster.kind, horizon: 7 });
    forecaster.dispose();
    s3 = await startS3rver();
    s3Client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });
  afterAll(async () => {
    s3Client.destroy();
    await s3.stop();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    wire = await startSageMakerWire();
    env = {
      NODE_ENV: 'test',
      FRESHCAST_STORAGE: 's3',
      FRESHCAST_S3_BUCKET: s3.bucket,
      FRESHCAST_S3_PREFIX: 'fc',
      FRESHCAST_S3_ENDPOINT: s3.endpoint,
      FRESHCAST_STORAGE__S3__FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'us-east-1',
      // s3rver checks its own key pair; the recording SageMaker endpoint accepts any
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_SAGEMAKER: wire.url,
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: wire.url,
    };
  });
  afterEach(() => wire.stop());

  it('creates a new endpoint: tarball in S3, CreateModel → CreateEndpointConfig → CreateEndpoint, waits for InService', async () => {
    wire.script = { statuses: ['Creating', 'Creating', 'Creating', 'InService'] };
    const res = await run(...deployArgs('fc-demand'), '--instance-type', 'ml.c5.xlarge');
    expect(res.stderr).toContain('endpoint fc-demand: Creating');
    expect(res.code).toBe(0);
    expect(wire.actions()).toEqual([
      'DescribeEndpoint',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    const first = wire.requests[1];
    expect(first.headers['x-amz-target']).toBe('SageMaker.CreateModel');
    expect(first.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(first.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/sagemaker\/aws4_request/,
    );
    const name = 'fc-demand-20261207093005';
    const key = `fc/sagemaker/fc-demand/${name}/model.tar.gz`;
    expect(wire.bodies('CreateModel')).toEqual([
      {
        ModelName: name,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: {
          Image: IMAGE,
          ModelDataUrl: `s3://${s3.bucket}/${key}`,
          Environment: { FRESHCAST_SAGEMAKER: '1' },
        },
      },
    ]);
    expect(wire.bodies('CreateEndpointConfig')).toEqual([
      {
        EndpointConfigName: name,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: name,
            InitialInstanceCount: 1,
            InstanceType: 'ml.c5.xlarge',
            InitialVariantWeight: 1,
          },
        ],
      },
    ]);
    expect(wire.bodies('CreateEndpoint')).toEqual([
      { EndpointName: 'fc-demand', EndpointConfigName: name },
    ]);
    // progress: one line per status change, then the result
    expect(res.stderr.match(/endpoint fc-demand: \w+/g)).toEqual([
      'endpoint fc-demand: Creating',
      'endpoint fc-demand: InService',
    ]);
    expect(res.stdout).toBe(`endpoint fc-demand is InService on ${name}\n`);

    // the tarball round-trips through the system tar and holds the model folder byte for byte
    const { listing, dir } = await unpack(key);
    const files = readdirSync(modelDir)
      .filter((f) => !f.startsWith('.'))
      .sort();
    expect(listing.sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(dir, f))).toEqual(readFileSync(join(modelDir, f)));
  });

  it('updates an existing endpoint with a canary: the new model on the first variant, the others keep theirs', async () => {
    const store = new S3ArtifactStore({
      bucket: s3.bucket,
      prefix: 'fc',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    const registry = new ModelRegistryService({ store });
    const forecaster = await createForecaster('seasonal-naive');
    await forecaster.fit(syntheticPanel({ series: 2, days: 40 }), {
      target: 'quantity',
      horizon: 7,
    });
    const version = await registry.register({
      actor: 'test',
      manifest: manifestInput('seasonal-naive'),
      writeArtifacts: (sink) => saveForecaster(forecaster, sink),
    });
    forecaster.dispose();
    await registry.promote(version.id, { stage: 'prod', actor: 'test' });
    store.destroy();

    const main = {
      VariantName: 'main',
      ModelName: 'fc-demand-old',
      InitialInstanceCount: 2,
      InstanceType: 'ml.m5.xlarge',
      InitialVariantWeight: 1,
    };
    wire.seedEndpoint('fc-canary', 'fc-canary-old', [main]);
    wire.script = { statuses: ['Updating', 'Updating', 'InService'] };
    const res = await run(
      ...deployArgs('fc-canary', 'prod'),
      '--variant',
      'canary=1',
      '--variant',
      'main=9',
    );
    expect(res.stderr).not.toMatch(/failed/);
    expect(res.code).toBe(0);
    expect(wire.actions().slice(0, 5)).toEqual([
      'DescribeEndpoint',
      'DescribeEndpointConfig',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
    ]);
    expect(wire.actions()).not.toContain('CreateEndpoint');
    const name = 'fc-canary-20261207093005';
    expect(wire.bodies('DescribeEndpointConfig')).toEqual([
      { EndpointConfigName: 'fc-canary-old' },
    ]);
    expect(wire.bodies('CreateEndpointConfig')[0].ProductionVariants).toEqual([
      {
        VariantName: 'canary',
        ModelName: name,
        InitialInstanceCount: 1,
        InstanceType: 'ml.m5.large',
        InitialVariantWeight: 1,
      },
      { ...main, InitialVariantWeight: 9 },
    ]);
    expect(wire.bodies('UpdateEndpoint')).toEqual([
      { EndpointName: 'fc-canary', EndpointConfigName: name },
    ]);
    expect(res.stderr).toContain(`packaging ${version.id}`);
    expect(res.stderr).toContain('(canary=1, main=9)');

    // a registered model is packaged as a model folder: its artifacts plus the manifest
    const { listing, dir } = await unpack(`fc/sagemaker/fc-canary/${name}/model.tar.gz`);
    expect(listing).toContain('forecaster.json');
    expect(listing).toContain('manifest.json');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { id: string };
    expect(manifest.id).toBe(version.id);
  });

  it('reports a failed endpoint with its FailureReason and exits 1', async () => {
    wire.script = {
      statuses: ['Creating', 'Failed'],
      failureReason:
        'The primary container for production variant AllTraffic did not pass the ping health check.',
    };
    const res = await run(...deployArgs('fc-broken'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'endpoint fc-broken is Failed: The primary container for production variant AllTraffic did not pass the ping health check.',
    );
    expect(wire.actions().filter((a) => a === 'DescribeEndpoint')).toHaveLength(3);
  });

  it('reports an update that SageMaker rolled back (InService on the previous config) as a failure', async () => {
    wire.seedEndpoint('fc-rolled', 'fc-rolled-old', [
      {
        VariantName: 'AllTraffic',
        ModelName: 'm0',
        InitialInstanceCount: 1,
        InstanceType: 'ml.m5.large',
        InitialVariantWeight: 1,
      },
    ]);
    wire.script = {
      statuses: ['Updating', 'RollingBack', 'InService'],
      failureReason: 'model failed to load',
      rollBack: true,
    };
    const res = await run(...deployArgs('fc-rolled'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'endpoint fc-rolled rolled back to fc-rolled-old: model failed to load',
    );
  });

  it('--dry-run prints the requests and sends nothing but reads', async () => {
    const res = await run(...deployArgs('fc-dry'), '--dry-run', '--variant', 'blue=2');
    expect(res.code).toBe(0);
    expect(wire.actions()).toEqual(['DescribeEndpoint']);
    expect(res.stdout).toContain('dry run: nothing uploaded, nothing created');
    expect(res.stdout).toContain('CreateModel {"ModelName":"fc-dry-20261207093005"');
    expect(res.stdout).toContain('"VariantName":"blue"');
    expect(res.stdout).toContain('"InitialVariantWeight":2');
    expect(res.stdout).toContain('CreateEndpoint {"EndpointName":"fc-dry"');
    expect(await keysUnder('fc/sagemaker/fc-dry/')).toEqual([]);
  });

  it.each([
    [
      [
        '--model',
        'quantity-mlp-20261129T013000Z-abcdef',
        '--endpoint',
        'e1',
        '--image',
        IMAGE,
        '--role',
        ROLE,
      ],
      1,
      /: no model quantity-mlp-20261129T013000Z-abcdef$/m,
    ],
    [
      [
        '--model',
        'prod',
        '--target',
        'price',
        '--endpoint',
        'e1',
        '--image',
        IMAGE,
        '--role',
        ROLE,
      ],
      1,
      /: price has no prod model$/m,
    ],
    [
      ['--model', '/no/such/folder', '--endpoint', 'e1', '--image', IMAGE, '--role', ROLE],
      1,
      /neither a saved model folder/,
    ],
    [['--endpoint', 'e1', '--image', IMAGE], 2, /--role ARN is required/],
    [
      ['--role', 'admin', '--endpoint', 'e1', '--image', IMAGE, '--model', 'prod'],
      2,
      /--role must be an IAM role ARN/,
    ],
    [['--variant', 'canary:0.1'], 2, /--variant must be NAME=WEIGHT/],
    [['--variant', 'canary=0'], 2, /weight must be a positive number \(got "0"\)/],
    [['--variant', 'canary=-1'], 2, /weight must be a positive number/],
    [['--variant', 'canary=abc'], 2, /weight must be a positive number/],
    [['--variant', 'a=1', '--variant', 'a=2'], 2, /variant a is given twice/],
    [['--instance-type', 'm5.large'], 2, /not a SageMaker hosting instance type/],
    [
      ['--endpoint', 'bad_name!', '--model', 'prod', '--image', IMAGE, '--role', ROLE],
      2,
      /--endpoint "bad_name!" must be letters/,
    ],
  ])('bad input %j → exit %d with a clear message', async (argv, code, message) => {
    const base = ['--model', modelDir, '--endpoint', 'e1', '--image', IMAGE, '--role', ROLE];
    const args = argv.includes('--endpoint') ? argv : [...base, ...argv];
    const res = await run(...args);
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(wire.actions().filter((a) => a.startsWith('Create') || a === 'UpdateEndpoint')).toEqual(
      [],
    );
  });

  it('refuses a canary variant the endpoint does not have', async () => {
    wire.seedEndpoint('fc-v', 'fc-v-old', [
      {
        VariantName: 'main',
        ModelName: 'm0',
        InitialInstanceCount: 1,
        InstanceType: 'ml.m5.large',
        InitialVariantWeight: 1,
      },
    ]);
    const res = await run(...deployArgs('fc-v'), '--variant', 'canary=1', '--variant', 'blue=9');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('variant blue is not on endpoint fc-v (it has: main)');
    expect(wire.actions()).toEqual(['DescribeEndpoint', 'DescribeEndpointConfig']);
  });

  it('needs S3 for a real deployment (SageMaker cannot read the disk store)', async () => {
    env.FRESHCAST_STORAGE = 'disk';
    env.FRESHCAST_STORAGE__DISK__ROOT = join(root, 'disk-store');
    const res = await run(...deployArgs('fc-disk'));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('SageMaker reads model data from S3');
    expect(wire.actions()).toEqual([]);
  });
});
