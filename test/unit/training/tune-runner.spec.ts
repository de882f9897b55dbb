import {
  tuneKind,
  tuningLayout,
  TuneRequestError,
  type TuneRequest,
} from '../../../src/training/tuning/tune-runner.js';
import { clonePanel, syntheticPanel } from '../../helpers/synthetic-panel.js';

const H = 14;

/** A clock that moves 1 s each time it is read: budgets end after a fixed number of reads. */
function tickingClock(): () => number {
  let t = 0;
  return () => (t += 1000);
}

function request(panel: TuneRequest['panel'], over: Partial<TuneRequest> = {}): TuneRequest {
  return {
    panel,
    target: 'quantity',
    kind: 'moving-average',
    horizon: H,
    evaluationWindows: 2,
    tuningWindows: 3,
    budgetSec: 60,
    fitBudgetSec: 5,
    seed: 4,
    now: tickingClock(),
    ...over,
  };
}

describe('tuningLayout', () => {
  it('puts the tuning windows right before the evaluation windows, none overlapping', () => {
    const { evaluationCutoffs, tuningCutoffs } = tuningLayout(200, 14, 2, 3);
    expect(evaluationCutoffs).toEqual([199 - 28, 199 - 14]);
    expect(tuningCutoffs).toEqual([171 - 42, 171 - 28, 171 - 14]);
    // The latest tuning window's last scored day is the first evaluation cutoff.
    expect(tuningCutoffs[2] + 14).toBe(evaluationCutoffs[0]);
  });

  it('without evaluation windows, tunes up to the last day', () => {
    expect(tuningLayout(200, 14, 0, 2)).toEqual({
      evaluationCutoffs: [],
      tuningCutoffs: [199 - 28, 199 - 14],
      tuningEnd: 199,
    });
  });

  it('refuses data too short for the windows asked', () => {
    expect(() => tuningLayout(100, 14, 3, 3)).toThrow(TuneRequestError);
  });
});

describe('tuneKind', () => {
  const panel = syntheticPanel({ series: 6, days: 200, seed: 3 });

  it('scores trials on the tuning windows only: data in the evaluation windows changes nothing', async () => {
    const a = await tuneKind(request(panel));
    // Scramble everything after the first evaluation cutoff.
    const scrambled = clonePanel(panel);
    const first = panel.dates.indexOf(a.evaluationCutoffs[0]);
    const days = panel.dates.length;
    const q = scrambled.columns.get('quantity');
    if (!q) throw new Error('no quantity column');
    for (let s = 0; s < panel.seriesIds.length; s++)
      for (let t = first + 1; t < days; t++) q[s * days + t] = 1000 + t;
    const b = await tuneKind(request(scrambled));
    expect(b.trials).toEqual(a.trials);
    expect(a.trials.length).toBeGreaterThan(3);
    const cutoffsSeen = new Set(a.trials.flatMap((t) => t.scores.map((s) => s.cutoff)));
    expect([...cutoffsSeen].sort()).toEqual(a.tuningCutoffs);
    for (const c of cutoffsSeen) expect(c < a.evaluationCutoffs[0]).toBe(true);
    expect(a.best).not.toBeNull();
    expect(a.defaultsMeanWape).not.toBeNull();
    expect(a.best?.meanWape ?? Infinity).toBeLessThanOrEqual(a.defaultsMeanWape ?? -1);
  });

  it('tunes with no evaluation windows on the windows that end on the last day', async () => {
    const r = await tuneKind(request(panel, { evaluationWindows: 0, tuningWindows: 2 }));
    expect(r.evaluationCutoffs).toEqual([]);
    expect(r.tuningCutoffs).toEqual([panel.dates[199 - 28], panel.dates[199 - 14]]);
    expect(r.best).not.toBeNull();
  });

  it('refuses a kind without a parameter space', async () => {
    await expect(tuneKind(request(panel, { kind: 'seasonal-naive' }))).rejects.toThrow(
      'no parameter space',
    );
  });
});
