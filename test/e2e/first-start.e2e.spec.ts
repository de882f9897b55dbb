import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { startS3rver, type RunningS3rver } from '../helpers/s3rver.js';
import { startApp } from '../helpers/test-app.factory.js';

describe.each(['disk', 's3'] as const)(
  'npm start main job on %s: demo data → panel → default model, reused on restart',
  (driver) => {
    let root: string;
    let s3: RunningS3rver | undefined;
    const savedEnv = { ...process.env };
    const apps: NestFastifyApplication[] = [];

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'fc-first-start-'));
      if (driver === 's3') {
        s3 = await startS3rver();
        process.env.AWS_ACCESS_KEY_ID = s3.credentials.accessKeyId;
        process.env.AWS_SECRET_ACCESS_KEY = s3.credentials.secretAccessKey;
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await s3?.stop();
      process.env = savedEnv;
      rmSync(root, { recursive: true, force: true });
    });

    const storage = () =>
      driver === 'disk'
        ? { driver: 'disk', disk: { root: join(root, 'models') } }
        : {
            driver: 's3',
            s3: {
              bucket: s3?.bucket,
              endpoint: s3?.endpoint,
              forcePathStyle: true,
              prefix: 'fc',
              region: 'us-east-1',
            },
          };

    const overrides = () => ({
      startup: { enabled: true },
      data: {
        dir: join(root, 'data'),
        demo: { items: 24, days: 260, start: '2022-01-01', seed: 5, lang: 'en' },
      },
      storage: storage(),
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
    });

    async function boot(): Promise<{
      app: NestFastifyApplication;
      status: Record<string, unknown>;
    }> {
      const app = await startApp(overrides());
      apps.push(app);
      await app.get(FirstStartService).settled();
      const res = await request(app.getHttpServer()).get('/status').expect(200);
      return { app, status: res.body as Record<string, unknown> };
    }

    it('generates demo data, trains, registers and promotes the default model on first start', async () => {
      const { status } = await boot();
      expect(status.phase).toBe('ready');
      expect(existsSync(join(root, 'data', 'demo', 'annex2.csv'))).toBe(true);
      const data = status.data as { generated: boolean; series: number; days: number };
      expect(data.generated).toBe(true);
      expect(data.series).toBeGreaterThanOrEqual(24);
      const model = (
        status.models as Record<
          string,
          { id: string; kind: string; trained: boolean; wape: number; seasonalNaiveWape: number }
        >
      ).quantity;
      expect(model.kind).toBe('ets');
      expect(model.trained).toBe(true);
      expect(model.wape).toBeGreaterThan(0);
      expect(model.id).toMatch(/^quantity-ets-/);
      const stored = readdirSync(driver === 'disk' ? join(root, 'models') : (s3?.directory ?? ''), {
        recursive: true,
      }).map(String);
      expect(stored.some((p) => p.includes(model.id))).toBe(true);
    });

    it('reuses the prod model and the data after a restart instead of retraining', async () => {
      const first = (await request(apps[0].getHttpServer()).get('/status')).body as {
        models: { quantity: { id: string } };
      };
      await apps[0].close();
      apps.shift();
      const { status } = await boot();
      const model = (status.models as Record<string, { id: string; trained: boolean }>).quantity;
      expect(model.trained).toBe(false);
      expect(model.id).toBe(first.models.quantity.id);
      expect((status.data as { generated: boolean }).generated).toBe(false);
    });
  },
);
