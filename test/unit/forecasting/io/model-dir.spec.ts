import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { isModelDir, saveModelDir } from '../../../../src/forecasting/io/model-dir.js';
import { syntheticPanel } from '../../../helpers/synthetic-panel.js';

describe('saveModelDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-model-dir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('tells the guard the hidden folder it writes beside the model folder, and releases it once saved', async () => {
    const forecaster = await createForecaster('seasonal-naive');
    await forecaster.fit(syntheticPanel({ series: 2, days: 30 }), {
      target: 'quantity',
      horizon: 7,
    });
    const dir = join(root, 'model');
    const guarded: string[] = [];
    let released = 0;
    let existedWhileGuarded = false;
    await saveModelDir(dir, forecaster, { kind: forecaster.kind }, (path) => {
      guarded.push(path);
      return () => {
        existedWhileGuarded = readdirSync(root).includes(basename(path)) || existedWhileGuarded;
        released++;
      };
    });
    forecaster.dispose();
    expect(guarded).toHaveLength(1);
    expect(dirname(guarded[0])).toBe(root);
    expect(basename(guarded[0])).toMatch(/^\.model-[0-9a-f-]{36}$/);
    // Released after the hidden folder is gone: the guard (Ctrl-C cleanup) never outlives it.
    expect(released).toBe(1);
    expect(existedWhileGuarded).toBe(false);
    expect(existsSync(guarded[0])).toBe(false);
    expect(isModelDir(dir)).toBe(true);
    expect(readdirSync(root)).toEqual(['model']);
  });
});
