import { Test, type TestingModule } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.loader.js';
import { AppConfigModule } from '../../../src/config/config.module.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import type {
  PromotionNotice,
  PromotionNotifier,
} from '../../../src/registry/promotion-notifier.js';
import { RegistryModule } from '../../../src/registry/registry.module.js';
import { PROMOTION_NOTIFIER } from '../../../src/registry/registry.tokens.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../../src/storage/artifact-store.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { manifestInput } from './registry-fixtures.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';

const who = { actor: 'ci' };

async function boot(root: string, redisUrl: string, registry?: object): Promise<TestingModule> {
  const config = loadConfig({
    dir: join(process.cwd(), 'config'),
    env: {},
    overrides: {
      storage: { driver: 'disk', disk: { root } },
      queue: { redisUrl },
      ...(registry ? { registry } : {}),
    },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config), RegistryModule.forRoot()],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('RegistryModule (Nest wiring)', () => {
  let root: string;
  const apps: TestingModule[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-regmod-'));
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('without Redis: disk store from config, polling notifier, gates from the registry section', async () => {
    const app = await boot(root, '', { gates: { minImprovement: 0.5 }, pollIntervalSec: 60 });
    apps.push(app);
    const store = app.get<ArtifactStore>(ARTIFACT_STORE);
    expect(store).toBeInstanceOf(DiskArtifactStore);
    expect((store as DiskArtifactStore).root).toBe(root);
    expect(app.get<PromotionNotifier>(PROMOTION_NOTIFIER).mode).toBe('poll');
    const registry = app.get(ModelRegistryService);
    const a = await registry.register({
      ...who,
      manifest: manifestInput('mlp', { wape: 0.3 }),
      writeArtifacts: () => Promise.resolve(),
    });
    const b = await registry.register({
      ...who,
      manifest: manifestInput('gru', { wape: 0.2 }),
      writeArtifacts: () => Promise.resolve(),
    });
    await registry.promote(a.id, who);
    // 33 % better than prod, but the configured margin is 50 %
    await expect(registry.promote(b.id, who)).rejects.toMatchObject({
      registryCode: 'GATE_FAILED',
    });
  });

  it('with Redis: two app instances over one store see each other’s promotions', async () => {
    const url = TEST_REDIS_URL;
    const [one, two] = [await boot(root, url), await boot(root, url)];
    apps.push(one, two);
    expect(one.get<PromotionNotifier>(PROMOTION_NOTIFIER).mode).toBe('redis');
    const writer = one.get(ModelRegistryService);
    const reader = two.get(ModelRegistryService);
    const v = await writer.register({
      ...who,
      manifest: manifestInput(),
      writeArtifacts: () => Promise.resolve(),
    });
    const seen = new Promise<PromotionNotice>((resolve) => {
      const off = reader.onChange((n) => {
        off();
        resolve(n);
      });
    });
    await writer.promote(v.id, who);
    expect(await seen).toMatchObject({ id: v.id, stage: 'prod', target: 'quantity' });
    expect((await reader.resolve('quantity', 'prod')).id).toBe(v.id);
  });
});
