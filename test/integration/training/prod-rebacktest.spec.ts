import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { registerTrainedModel } from '../../../src/training/model-registration.js';
import { trainModel } from '../../../src/training/model-trainer.js';
import { rebacktestOnPanel } from '../../../src/training/prod-rebacktest.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';

/**
 * A candidate trained on newer data than the prod model is gated by same_data; the prod model's
 * kind and params backtested again on the candidate's data give the gates a comparison on the same
 * data (what the train job does when registry.gates.rebacktestProd is on).
 */
describe('prod model re-backtested on the current data for the gates', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-rebacktest-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('compares a candidate with prod on the same data instead of refusing it as same_data', async () => {
    const registry = new ModelRegistryService({ store: new DiskArtifactStore(root) });
    const older = syntheticPanel({ series: 6, days: 200, seed: 3 });
    const newer = syntheticPanel({ series: 6, days: 230, seed: 3 });
    const train = (panel: typeof older) =>
      trainModel({ panel, target: 'quantity', kind: 'ets', horizon: 14, backtest: { windows: 2 } });
    const prodOutcome = await train(older);
    const prod = (await registerTrainedModel(registry, prodOutcome, { actor: 't', stage: 'prod' }))
      .version;
    const candOutcome = await train(newer);
    const cand = (await registerTrainedModel(registry, candOutcome, { actor: 't' })).version;
    prodOutcome.forecaster.dispose();
    candOutcome.forecaster.dispose();

    const plain = await registry.checkGates(cand.id);
    expect(plain.find((g) => !g.passed)?.gate).toBe('same_data');

    const protocol = cand.backtest?.protocol ?? { horizon: 0, windows: 0, step: 0 };
    const reference = await rebacktestOnPanel(newer, prod, {
      protocol,
      refitEvery: 1,
      timeBudgetSec: 5,
    });
    expect(reference.id).toBe(prod.id);
    expect(reference.dataFingerprint).toBe(cand.training.fingerprint);
    expect(reference.backtest.protocol).toEqual(protocol);

    const gates = await registry.checkGates(cand.id, reference);
    expect(gates.map((g) => g.gate)).not.toContain('same_data');
    const improvement = gates.find((g) => g.gate === 'min_improvement');
    expect(improvement).toMatchObject({
      candidate: cand.backtest?.wape,
      reference: reference.backtest.wape,
    });
    // Same kind, same params, same data: the WAPEs agree, so not 2 % better.
    expect(reference.backtest.wape).toBeCloseTo(cand.backtest?.wape ?? NaN, 6);
    expect(improvement?.passed).toBe(false);

    // A reference for a model that no longer holds prod is not used.
    const stale = await registry.checkGates(cand.id, { ...reference, id: cand.id });
    expect(stale.find((g) => !g.passed)?.gate).toBe('same_data');
  });
});
