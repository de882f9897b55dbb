import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { modelCommands } from '../../../src/cli/commands/models.commands.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { manifestInput } from '../../integration/registry/registry-fixtures.js';

describe('freshcast models list / show / history', () => {
  let root: string;
  let registry: ModelRegistryService;
  let env: NodeJS.ProcessEnv;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, modelCommands({ env }), io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const register = async (kind: string, target: 'quantity' | 'price' = 'quantity') =>
    (
      await registry.register({
        actor: 'trainer',
        manifest: manifestInput(kind, { wape: 0.25 }, target),
        writeArtifacts: async (sink) => sink.put('weights.bin', new Uint8Array([7])),
      })
    ).id;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-cli-models-'));
    env = { NODE_ENV: 'test', FRESHCAST_STORAGE__DISK__ROOT: root, USER: 'tester' };
    let minute = 0;
    registry = new ModelRegistryService({
      store: new DiskArtifactStore(root),
      clock: () => new Date(Date.UTC(2026, 10, 29, 1, minute++, 0)),
    });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists models newest first as a table, filtered by target', async () => {
    const mlp = await register('mlp');
    const gru = await register('gru');
    const ets = await register('ets', 'price');
    await registry.setAlias('champion', gru, { actor: 'test' });

    const all = await run('models', 'list');
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STAGE\s+ALIASES\s+WAPE\s+COVERAGE\s+SNAIVE WAPE\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([ets, gru, mlp]);
    expect(lines[2].split(/\s{2,}/)).toEqual([
      gru,
      'dev',
      'champion',
      '0.2500',
      '0.8000',
      '0.4500',
      '2026-11-29 01:01:00Z',
    ]);
    expect(all.stderr).toBe('');

    const price = await run('models', 'list', '--target', 'price');
    expect(price.stdout.trimEnd().split('\n').slice(1)).toEqual([expect.stringContaining(ets)]);
    const none = await run('models', 'list', '--target', 'wholesale');
    expect(none.stdout).toBe('no models registered\n');
  });

  it('--json writes only JSON on stdout; unreadable manifests go to stderr as warnings', async () => {
    const mlp = await register('mlp');
    const broken = 'quantity-gru-20261129T020000Z-abcdef';
    const dir = join(root, 'registry', 'quantity', 'versions', broken);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'manifest.json'), 'not json');

    const res = await run('models', 'list', '--json', '--stage', 'dev');
    expect(res.code).toBe(0);
    const parsed = JSON.parse(res.stdout) as {
      versions: { id: string; stage: string }[];
      errors: { key: string; code: string }[];
    };
    expect(parsed.versions.map((v) => [v.id, v.stage])).toEqual([[mlp, 'dev']]);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ code: 'CORRUPT_MANIFEST', key: expect.stringContaining(broken) }),
    ]);
    expect(res.stderr).toContain(`warning: unreadable registry/quantity/versions/${broken}`);

    const table = await run('models', 'list');
    expect(table.stdout).not.toContain(broken);
    expect(table.stderr).toContain('CORRUPT_MANIFEST');
  });

  it('answers bad options with usage (exit 2)', async () => {
    for (const argv of [
      ['models', 'list', '--target', 'bananas'],
      ['models', 'list', '--stage', 'live'],
      ['models', 'show'],
      ['models', 'history'],
      ['models', 'history', '--target', 'quantity', '--limit', '0'],
    ]) {
      const res = await run(...argv);
      expect({ argv, code: res.code }).toEqual({ argv, code: 2 });
      expect(res.stderr).toContain('usage: freshcast models');
      expect(res.stdout).toBe('');
    }
  });

  it('shows one model with its gate outlook, or its JSON', async () => {
    const id = await register('mlp');
    const text = await run('models', 'show', id);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(text.stdout).toMatch(/^stage\s+dev$/m);
    expect(text.stdout).toMatch(/^training\s+2020-07-01 \.\. 2023-06-30, 251 series/m);
    expect(text.stdout).toMatch(/^artifacts\s+weights\.bin$/m);
    expect(text.stdout).toContain('prod gates if promoted now:');
    expect(text.stdout).toMatch(/^coverage_band\s+pass\s+/m);

    const json = await run('models', 'show', id, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      id,
      stage: 'dev',
      aliases: [],
      params: { hidden: [256, 256], lr: 0.001 },
      artifacts: ['weights.bin'],
      schema_version: 1,
      created_at: expect.any(String),
      code_version: expect.any(String),
    });
    expect(JSON.parse(json.stdout)).not.toHaveProperty('createdAt');
  });

  it('fails with the registry message and exit 1 for unknown or invalid ids', async () => {
    const unknown = await run('models', 'show', 'quantity-mlp-20200101T000000Z-000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'freshcast models show: no model quantity-mlp-20200101T000000Z-000000\n',
    );
    const traversal = await run('models', 'show', '../../etc/passwd');
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('invalid model id "../../etc/passwd"');
    expect(traversal.stdout).toBe('');
  });

  it('prints the history of a target, optionally of one model', async () => {
    const mlp = await register('mlp');
    const gru = await register('gru');
    await registry.promote(mlp, { actor: 'alice', stage: 'staging', reason: 'looks good' });

    const all = await run('models', 'history', '--target', 'quantity');
    expect(all.code).toBe(0);
    const rows = all.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^AT\s+ACTION\s+ID\s+STAGE\s+ALIAS\s+ACTOR\s+REASON$/);
    expect(rows.slice(1).map((r) => r.split(/\s{2,}/).slice(1))).toEqual([
      ['register', mlp, '- -> dev', '-', 'trainer', '-'],
      ['register', gru, '- -> dev', '-', 'trainer', '-'],
      ['stage', mlp, 'dev -> staging', '-', 'alice', 'looks good'],
    ]);

    const one = await run('models', 'history', '--target', 'quantity', '--id', gru, '--json');
    const parsed = JSON.parse(one.stdout) as { entries: { id: string; action: string }[] };
    expect(parsed.entries.map((e) => [e.action, e.id])).toEqual([['register', gru]]);

    const wrongTarget = await run('models', 'history', '--target', 'price', '--id', gru);
    expect(wrongTarget.code).toBe(1);
    expect(wrongTarget.stderr).toContain(`${gru} is not a model of price`);
  });

  it('reports an invalid configuration as a failure (exit 1), not a crash', async () => {
    env = { ...env, FRESHCAST_STORAGE: 's3', FRESHCAST_S3_BUCKET: '' };
    const res = await run('models', 'list');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('a bucket name is required when storage.driver is s3');
  });
});
