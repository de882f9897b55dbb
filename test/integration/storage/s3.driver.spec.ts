import { Readable } from 'node:stream';
import { S3ArtifactStore } from '../../../src/storage/s3.driver.js';
import { startS3rver, type RunningS3rver } from '../../helpers/s3rver.js';

const MIB = 1024 * 1024;

function storeFor(server: RunningS3rver, prefix: string, bucket = server.bucket): S3ArtifactStore {
  return new S3ArtifactStore({
    bucket,
    prefix,
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: server.credentials,
    partSizeBytes: 5 * MIB,
  });
}

/** Records the SDK command names the store sends. */
function recordCommands(store: S3ArtifactStore): string[] {
  const names: string[] = [];
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      names.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return names;
}

function fill(size: number, value: number, chunk = MIB): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < size; i += chunk) yield Buffer.alloc(Math.min(chunk, size - i), value);
    })(),
  );
}

describe('S3ArtifactStore against s3rver (real SDK)', () => {
  let server: RunningS3rver;
  const stores: S3ArtifactStore[] = [];
  const make = (prefix: string, bucket?: string): S3ArtifactStore => {
    const s = storeFor(server, prefix, bucket);
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(async () => {
    for (const s of stores) s.destroy();
    await server.stop();
  });

  it('uploads a stream of several parts as a multipart upload and a short stream as one PutObject', async () => {
    const store = make('mp');
    const commands = recordCommands(store);
    await store.putStream('big.bin', fill(12 * MIB, 7));
    expect(commands).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    const back = await store.get('big.bin');
    expect(back.length).toBe(12 * MIB);
    expect(back.every((b) => b === 7)).toBe(true);
    commands.length = 0;
    await store.putStream('small.bin', fill(3 * MIB, 1));
    expect(commands).toEqual(['PutObjectCommand']);
  });

  it('aborts the multipart upload (never completes it) when the source fails', async () => {
    const store = make('abort');
    const commands = recordCommands(store);
    const source = Readable.from(
      (async function* () {
        yield Buffer.alloc(6 * MIB, 1);
        await Promise.resolve();
        throw new Error('disk read error');
      })(),
    );
    await expect(store.putStream('model/weights.bin', source)).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    expect(commands).toContain('AbortMultipartUploadCommand');
    expect(commands).not.toContain('CompleteMultipartUploadCommand');
    expect(await store.exists('model/weights.bin')).toBe(false);
  });

  it('keeps stores with different prefixes apart in one bucket', async () => {
    const a = make('tenant-a');
    const b = make('/tenant-b/');
    expect(b.prefix).toBe('tenant-b/');
    await a.put('x.json', new Uint8Array([1]));
    await b.put('x.json', new Uint8Array([2]));
    expect(Array.from(await a.get('x.json'))).toEqual([1]);
    expect(Array.from(await b.get('x.json'))).toEqual([2]);
    expect(await a.list('')).toEqual(['x.json']);
    await a.delete('x.json');
    expect(await b.exists('x.json')).toBe(true);
  });

  it('reports a missing bucket as an IO error, not as a missing key', async () => {
    const store = make('', 'no-such-bucket');
    await expect(store.get('x.json')).rejects.toMatchObject({ code: 'IO' });
  });
});
