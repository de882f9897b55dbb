import { join } from 'node:path';
import type { DataConfig } from '../../src/config/data.config.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { useTempApp, type TempApp } from './temp-app.js';

export interface DemoApp extends TempApp {
  /** The last date of the demo data. */
  lastDate(): string;
}

/**
 * The whole API app after its first start over demo data `demo` generated in a temp folder (trained,
 * registered and serving; artifact store in the folder too), with `config` on top; started before
 * the calling file's tests and closed (folder removed) after them.
 */
export function useDemoApp(
  label: string,
  demo: DataConfig['demo'],
  config: Record<string, unknown> = {},
): DemoApp {
  const started = useTempApp(label, (root) => ({
    ...config,
    startup: { enabled: true },
    data: { dir: join(root, 'data'), demo },
    storage: { driver: 'disk', disk: { root: join(root, 'models') } },
  }));
  let lastDate: string | undefined;
  beforeAll(async () => {
    const app = started.app();
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    const panel = app.get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    lastDate = panel.dates[panel.dates.length - 1];
  });
  return {
    ...started,
    lastDate: () => {
      if (lastDate === undefined) throw new Error('the demo data loads in beforeAll');
      return lastDate;
    },
  };
}
