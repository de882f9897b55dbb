import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';
import { generateDataset } from '../../../src/data/generator/dataset.generator.js';
import type { ValidationReportDto } from '../../../src/data/dto/validation-report.dto.js';
import { startS3rver, type RunningS3rver } from '../../helpers/s3rver.js';

describe('freshcast data … --data s3://… (settings from the environment: AWS_ENDPOINT_URL_S3, AWS_REGION)', () => {
  let s3: RunningS3rver;
  let root: string;
  const savedEnv = { ...process.env };
  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, DATA_COMMANDS, io);
    return { code, out: io.stdout, err: io.stderr };
  };

  beforeAll(async () => {
    s3 = await startS3rver();
    root = await mkdtemp(join(tmpdir(), 'fc-s3-cli-'));
    const local = (
      await generateDataset(join(root, 'shop'), { items: 8, days: 60, seed: 4, lang: 'cn' })
    ).outDir;
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    for (const name of await readdir(local))
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: `in/${name}`,
          Body: await readFile(join(local, name)),
        }),
      );
    client.destroy();
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = s3.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = s3.credentials.secretAccessKey;
  });
  afterAll(async () => {
    process.env = savedEnv;
    await s3.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('validates the annex files (Chinese headers) of a prefix', async () => {
    const res = await run('data', 'validate', '--data', `s3://${s3.bucket}/in`, '--json');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out) as ValidationReportDto;
    expect(report.summary.ok).toBe(true);
    expect(report.files.map((f) => f.file).sort()).toEqual([
      'annex1.csv',
      'annex2.csv',
      'annex3.csv',
      'annex4.csv',
    ]);
  });

  it('says clearly when the prefix holds no data', async () => {
    const res = await run('data', 'validate', '--data', `s3://${s3.bucket}/nothing-here`);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`no data files in s3://${s3.bucket}/nothing-here`);
  });
});
