import { join } from 'node:path';
import type request from 'supertest';
import { useTempApp } from './temp-app.js';

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
  const { http } = useTempApp(label, (root) => ({
    auth: { adminApiKey: key },
    data: { dir: join(root, 'data'), watchIntervalSec: 0 },
    storage: { driver: 'disk', disk: { root: join(root, 'models') } },
  }));
  return { http, admin: (req) => req.set('x-api-key', key) };
}
