import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const draft07 = JSON.parse(
  readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-07.json'), 'utf8'),
) as object;
const schema = JSON.parse(
  readFileSync(join(root, 'test/fixtures/compose-spec/compose-spec.json'), 'utf8'),
) as object;
// `merge: true` resolves the `<<: *anchor` extensions as Compose does before validating.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as ComposeFile;

interface ComposeService {
  image?: string;
  command?: string[];
  container_name?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  stop_grace_period?: string;
  restart?: string;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

// The schema names draft-07 by its https address; Ajv knows the meta-schema by the http one.
// `strict: false`: the schema's annotations (`deprecated`) are not validation keywords.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
const validate = ajv.compile(schema);

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification JSON schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check fails on what Compose rejects', () => {
    const broken = structuredClone(compose) as unknown as Record<string, Record<string, object>>;
    broken.services.api = { ...broken.services.api, healthcheck: { test: 42 } };
    expect(validate(broken)).toBe(false);
    const unknownKey = structuredClone(compose) as unknown as Record<
      string,
      Record<string, object>
    >;
    unknownKey.services.worker = { ...unknownKey.services.worker, replica: 3 };
    expect(validate(unknownKey)).toBe(false);
  });

  it('holds api, scalable workers, redis, an S3-compatible store and a one-shot bucket creation', () => {
    const { api, worker, redis, minio } = compose.services;
    const bucket = compose.services['create-bucket'];
    expect([api, worker, redis, minio, bucket].every(Boolean)).toBe(true);
    // `--scale worker=3`: no fixed name and no published host port on the worker.
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.command).toEqual(['worker']);
    expect(worker.environment?.FRESHCAST_ROLE).toBe('worker');
    // Its /metrics and /health/ready (the image's HEALTHCHECK probes it) on the compose network.
    expect(worker.expose).toEqual([worker.environment?.FRESHCAST_WORKER_PORT]);
    expect(api.environment?.FRESHCAST_ROLE).toBe('api');
    expect(bucket.restart).toBe('no');
    expect(api.depends_on).toMatchObject({
      redis: { condition: 'service_healthy' },
      'create-bucket': { condition: 'service_completed_successfully' },
    });
  });

  it('wires the app to Redis and the object store and shares the data volume', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment ?? {};
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.FRESHCAST_STORAGE).toBe('s3');
      expect(env.FRESHCAST_S3_ENDPOINT).toBe('http://minio:9000');
      expect(compose.services[name].volumes).toEqual(['data:/app/data']);
      // More than jobs.shutdownGraceMs (30 s) before Docker sends SIGKILL.
      expect(Number.parseInt(compose.services[name].stop_grace_period ?? '0', 10)).toBeGreaterThan(
        30,
      );
    }
    expect(Object.keys(compose.volumes).sort()).toEqual(['data', 'minio-data', 'redis-data']);
  });
});
