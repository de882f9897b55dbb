import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { panelFingerprint } from '../../../src/data/data-fingerprint.js';
import { registerTrainedModel } from '../../../src/training/model-registration.js';
import { trainModel } from '../../../src/training/model-trainer.js';
import { formatFitReport } from '../../../src/cli/commands/training-report.format.js';
import { clonePanel, syntheticPanel } from '../../helpers/synthetic-panel.js';

describe('train → backtest → register → promote', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-train-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('backtests against seasonal naive, registers the artifacts and serves equal predictions after loading', async () => {
    const panel = syntheticPanel({ series: 8, days: 240, seed: 3 });
    const stages: string[] = [];
    const outcome = await trainModel({
      panel,
      target: 'quantity',
      kind: 'ets',
      horizon: 14,
      backtest: { windows: 2 },
      onStage: (s) => stages.push(s),
    });
    expect(stages).toContain('backtest');
    expect(stages.at(-1)).toBe('done');
    expect(outcome.backtest?.baseline.kind).toBe('seasonal-naive');
    const bt = outcome.manifest.backtest;
    expect(bt?.protocol).toEqual({ horizon: 14, windows: 2, step: 14 });
    expect(bt?.wape).toBeGreaterThan(0);
    expect(bt?.seasonal_naive_wape).toBeGreaterThan(bt?.wape ?? Infinity);
    expect(outcome.manifest.training.end).toBe(panel.dates.at(-1));
    // The manifest states the inputs the fitted model read, from the same declaration as the model.
    expect(outcome.manifest.featureSpec).toEqual({ inputs: outcome.forecaster.inputs() });
    expect(outcome.manifest.featureSpec).toMatchObject({ inputs: { kind: 'ets', calendar: [] } });

    const registry = new ModelRegistryService({ store: new DiskArtifactStore(root) });
    const { version, promotion } = await registerTrainedModel(registry, outcome, {
      actor: 'test',
      stage: 'prod',
    });
    expect(promotion?.version.stage).toBe('prod');
    expect((await registry.resolve('quantity', 'prod')).id).toBe(version.id);

    const { source } = await registry.openArtifacts(version.id);
    const loaded = await loadForecaster(source);
    const a = await outcome.forecaster.predict({ panel, horizon: 14 });
    const b = await loaded.predict({ panel, horizon: 14 });
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
    loaded.dispose();
    outcome.forecaster.dispose();
  });

  it('fingerprints the data: same data same print, one changed value another', () => {
    const panel = syntheticPanel({ series: 3, days: 80, seed: 1 });
    const copy = clonePanel(panel);
    expect(panelFingerprint(copy, 'quantity')).toBe(panelFingerprint(panel, 'quantity'));
    const q = copy.columns.get('quantity');
    if (!q) throw new Error('no quantity');
    q[5] = q[5] + 1;
    expect(panelFingerprint(copy, 'quantity')).not.toBe(panelFingerprint(panel, 'quantity'));
  });
  it("reports an ensemble's fit member by member: in the outcome, the manifest and the CLI summary", async () => {
    const panel = syntheticPanel({ series: 6, days: 200, seed: 4 });
    const outcome = await trainModel({
      panel,
      target: 'quantity',
      kind: 'ensemble',
      params: { members: [{ kind: 'linear' }, { kind: 'ets' }] },
      horizon: 7,
      backtest: { windows: 1 },
    });
    try {
      const members = outcome.fit.members ?? [];
      expect(members.map((m) => m.kind)).toEqual(['linear', 'ets']);
      // the ensemble's loss lists are its members' in order, never a loss of its own
      expect(outcome.fit.trainLoss).toEqual(members.flatMap((m) => m.trainLoss));
      expect(outcome.manifest.state?.fit).toMatchObject({
        members: [
          { kind: 'linear', seconds: members[0].seconds, stoppedBy: null },
          { kind: 'ets', seconds: members[1].seconds, stoppedBy: null },
        ],
      });
      const text = formatFitReport(outcome, {
        kind: 'ensemble',
        target: 'quantity',
        horizon: 7,
        fit: outcome.fit,
        backtest: null,
      });
      const lines = text.split('\n');
      const fitLine = lines.find((l) => l.startsWith('fit '));
      expect(fitLine).toBeDefined();
      expect(fitLine).not.toContain('loss');
      expect(lines.filter((l) => l.startsWith('  member '))).toEqual([
        expect.stringMatching(/^ {2}member 1 linear: \d+ epoch\(s\), [\d.]+ s, .*loss [\d.]+$/),
        expect.stringMatching(/^ {2}member 2 ets: \d+ epoch\(s\), [\d.]+ s, .*loss [\d.]+$/),
      ]);
    } finally {
      outcome.forecaster.dispose();
    }
  });
});
