import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp } from './test-app.factory.js';

export interface TempApp {
  /** The started app (inside a test or a later hook). */
  app(): NestFastifyApplication;
  /** A request to the app (`http().post('/predict').send(...)`). */
  http(): ReturnType<typeof request>;
  /** Closes the app and starts it again with the same config over the same folder. */
  restart(): Promise<void>;
}

/**
 * The whole API app with the config `overrides(root)` gives for a fresh temp folder `root`, started
 * before the calling file's tests and closed (folder removed) after them.
 */
export function useTempApp(
  label: string,
  overrides: (root: string) => Record<string, unknown>,
): TempApp {
  let root: string;
  let app: NestFastifyApplication | undefined;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `fc-${label}-`));
    app = await startApp(overrides(root));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const started = (): NestFastifyApplication => {
    if (app === undefined) throw new Error('the app starts in beforeAll');
    return app;
  };
  return {
    app: started,
    http: () => request(started().getHttpServer()),
    restart: async () => {
      const closing = started();
      app = undefined;
      await closing.close();
      app = await startApp(overrides(root));
    },
  };
}
