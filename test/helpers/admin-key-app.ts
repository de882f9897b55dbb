import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp } from './test-app.factory.js';

export interface AdminKeyApp {
  /** A request to the app (`http().post('/predict').send(...)`). */
  http(): ReturnType<typeof request>;
  /** The request with the admin key in `x-api-key`. */
  admin(req: request.Test): request.Test;
}

/**
 * The whole API app with admin key `key`, its data and artifact store in a temp folder (no data
 * watch), started before the calling file's tests and closed (folder removed) after them.
 */
export function useAdminKeyApp(label: string, key: string): AdminKeyApp {
  let root: string;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `fc-${label}-`));
    app = await startApp({
      auth: { adminApiKey: key },
      data: { dir: join(root, 'data'), watchIntervalSec: 0 },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    http: () => request(app.getHttpServer()),
    admin: (req) => req.set('x-api-key', key),
  };
}
