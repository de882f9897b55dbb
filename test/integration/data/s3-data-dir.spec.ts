import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks } from '../../../src/data/data-file.access.js';
import { dataDirSignature } from '../../../src/data/data-signature.js';
import { DatasetError, ensureDemoData, loadDataset } from '../../../src/data/dataset.loader.js';
import { DatasetService } from '../../../src/data/dataset.service.js';
import { generateDataset } from '../../../src/data/generator/dataset.generator.js';
import { configureS3Data } from '../../../src/data/s3/s3-data.settings.js';
import { startS3rver, type RunningS3rver } from '../../helpers/s3rver.js';
import { testConfig } from '../../helpers/test-app.factory.js';

const LONG_FIXTURE = join(__dirname, '../../fixtures/readers/long.csv');

describe('FRESHCAST_DATA_DIR=s3://bucket/prefix (s3rver through the real SDK)', () => {
  let s3: RunningS3rver;
  let client: S3Client;
  let root: string;
  let local: string;
  const savedEnv = { ...process.env };
  const url = (key: string) => `s3://${s3.bucket}/${key}`;
  const put = (key: string, body: Uint8Array | string) =>
    client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
  const upload = async (dir: string, prefix: string) => {
    for (const name of (await readdir(dir)).sort())
      await put(`${prefix}/${name}`, await readFile(join(dir, name)));
  };

  beforeAll(async () => {
    s3 = await startS3rver();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    root = await mkdtemp(join(tmpdir(), 'fc-s3-data-'));
    local = (
      await generateDataset(join(root, 'shop'), { items: 12, days: 120, seed: 11, lang: 'en' })
    ).outDir;
    await upload(local, 'retail/shop');
    await put('retail/long/series.csv', await readFile(LONG_FIXTURE));
    await upload(local, 'nested/2024');
    // the app's way: credentials from the SDK's chain (here the environment), endpoint from config
    process.env.AWS_ACCESS_KEY_ID = s3.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = s3.credentials.secretAccessKey;
    configureS3Data({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true });
  });
  afterAll(async () => {
    process.env = savedEnv;
    client.destroy();
    await s3.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('loads annex files from a prefix into the same panel and report as from disk', async () => {
    const fromDisk = await loadDataset({ data: local });
    const fromS3 = await loadDataset({ data: url('retail/shop') });
    expect(fromS3.source.kind).toBe('annex');
    expect(fromS3.source.kind === 'annex' && fromS3.source.files.annex2).toBe(
      url('retail/shop/annex2.csv'),
    );
    expect(fromS3.report.summary).toEqual(fromDisk.report.summary);
    expect(fromS3.panel?.seriesIds).toEqual(fromDisk.panel?.seriesIds);
    expect(fromS3.panel?.dates).toEqual(fromDisk.panel?.dates);
    for (const column of ['quantity', 'price', 'wholesale'])
      expect(fromS3.panel?.columns.get(column)).toEqual(fromDisk.panel?.columns.get(column));
  });

  it('loads a long-format file, as a folder or as --series', async () => {
    const fromDisk = await loadDataset({ series: LONG_FIXTURE });
    for (const location of [
      { data: url('retail/long') },
      { series: url('retail/long/series.csv') },
    ]) {
      const fromS3 = await loadDataset(location);
      expect(fromS3.source.kind).toBe('long');
      expect(fromS3.panel?.seriesIds).toEqual(fromDisk.panel?.seriesIds);
      expect(fromS3.panel?.columns.get('quantity')).toEqual(
        fromDisk.panel?.columns.get('quantity'),
      );
    }
  });

  it('streams objects: the body arrives in several chunks, never as one buffer', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'x');
    await put('stream/big.csv', big);
    const sizes: number[] = [];
    for await (const chunk of fileChunks(url('stream/big.csv'))) sizes.push(chunk.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(big.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(big.length);
  });

  it('finds data one folder down, and refuses an empty prefix with a clear error (no demo in S3)', async () => {
    expect(await ensureDemoData(url('nested'))).toEqual({
      dir: url('nested/2024'),
      generated: false,
    });
    await expect(ensureDemoData(url('empty'))).rejects.toThrow(
      /no data files under s3:\/\/freshcast-test\/empty .*demo data is only generated on disk/,
    );
    await expect(loadDataset({ data: url('empty') })).rejects.toBeInstanceOf(DatasetError);
    await expect(loadDataset({ series: url('retail/nope.csv') })).rejects.toThrow(
      /cannot open s3:\/\/freshcast-test\/retail\/nope.csv/,
    );
  });

  it('the watch sees new and rewritten objects (ETag / LastModified), the same for every task', async () => {
    await upload(local, 'watched/shop');
    const config = testConfig({
      data: { dir: url('watched') },
      storage: { s3: { endpoint: s3.endpoint, forcePathStyle: true } },
    });
    const taskA = new DatasetService(config);
    const taskB = new DatasetService(config);
    const a = await taskA.load();
    expect(a.dir).toBe(url('watched/shop'));
    expect(a.generated).toBe(false);
    await taskB.load();
    expect(await taskA.changedSignature()).toBeNull();

    // a hidden object (an upload in progress elsewhere) is not a change
    await put('watched/shop/.partial/annex2.csv', 'x');
    expect(await taskA.changedSignature()).toBeNull();

    // a rewritten annex2 (one sales row fewer): both tasks see the same new signature
    const sales = (await readFile(join(local, 'annex2.csv'), 'utf8')).trimEnd().split('\n');
    await put('watched/shop/annex2.csv', `${sales.slice(0, -1).join('\n')}\n`);
    const changedA = await taskA.changedSignature();
    expect(changedA).not.toBeNull();
    expect(await taskB.changedSignature()).toBe(changedA);
    expect(changedA).toBe(await dataDirSignature(url('watched')));
    expect(await taskA.reloadIfChanged()).toBe(true);
    expect(await taskA.changedSignature()).toBeNull();
    expect(taskA.loaded?.report.summary.ok).toBe(true);

    // a new object is a change too
    await put('watched/shop/notes.txt', 'new');
    expect(await taskA.changedSignature()).not.toBeNull();
  });
});
