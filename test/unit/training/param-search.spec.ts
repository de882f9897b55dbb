import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { mulberry32 } from '../../../src/forecasting/neural/seeded-random.js';
import {
  PARAM_SPACES,
  sampleParams,
  type ParamSpace,
  type ParamValue,
} from '../../../src/forecasting/param-spaces.js';
import { halvingSchedule } from '../../../src/training/tuning/halving-schedule.js';
import { searchParams, type TrialEvaluator } from '../../../src/training/tuning/param-search.js';

const SPACE: ParamSpace = {
  a: { type: 'float', min: 0.001, max: 10, log: true },
  b: { type: 'int', min: 1, max: 50 },
  c: { type: 'choice', values: ['x', 'y', 'z'] },
};

/** A fake clock (ms) and an evaluator that "takes" `secPerWindow` of it per window scored. */
function fakeWorld(secPerWindow: number) {
  let t = 0;
  const calls: { params: Record<string, ParamValue>; windows: number[]; fitBudgetSec: number }[] =
    [];
  const evaluate: TrialEvaluator = (params, windows, limits) => {
    calls.push({ params, windows, fitBudgetSec: limits.fitBudgetSec });
    t += secPerWindow * 1000 * windows.length;
    // A score that depends on the params and the window: deterministic, with a clear optimum at a ≈ 1.
    const a = typeof params.a === 'number' ? params.a : 1.5;
    return Promise.resolve(windows.map((w) => Math.abs(Math.log(a)) + 0.01 * w));
  };
  return { now: () => t, evaluate, calls, elapsedSec: () => t / 1000 };
}

describe('halvingSchedule', () => {
  it('screens every candidate on one window and the survivors on all of them', () => {
    expect(halvingSchedule(9, 3, 3)).toEqual([
      { candidates: 9, windows: 1 },
      { candidates: 3, windows: 3 },
    ]);
    expect(halvingSchedule(8, 4, 2)).toEqual([
      { candidates: 8, windows: 1 },
      { candidates: 4, windows: 2 },
      { candidates: 2, windows: 4 },
    ]);
    expect(halvingSchedule(5, 1, 3)).toEqual([{ candidates: 5, windows: 1 }]);
    expect(halvingSchedule(2, 9, 3)).toEqual([
      { candidates: 2, windows: 1 },
      { candidates: 1, windows: 3 },
      { candidates: 1, windows: 9 },
    ]);
  });

  it('rejects schedules that cannot halve', () => {
    expect(() => halvingSchedule(0, 3, 3)).toThrow('candidates');
    expect(() => halvingSchedule(3, 3, 1)).toThrow('eta');
  });
});

describe('searchParams', () => {
  it('starts with the defaults, prunes by halving and scores the survivors on every window', async () => {
    const w = fakeWorld(1);
    const r = await searchParams({
      space: SPACE,
      windows: 3,
      budgetSec: 24,
      seed: 1,
      candidates: 9,
      eta: 3,
      fitBudgetSec: 60,
      evaluate: w.evaluate,
      now: w.now,
    });
    // One bracket costs 9 × 1 + 3 × 2 = 15 window-seconds; the second is cut by the budget.
    expect(r.trials[0]).toMatchObject({ id: 0, defaults: true, params: {} });
    const first = r.trials.filter((t) => t.bracket === 0);
    expect(first).toHaveLength(9);
    // The best three go on, and the defaults always do (the reference).
    expect(first[0].status).toBe('complete');
    const complete = first.filter((t) => t.status === 'complete');
    // Three when the defaults are among the best three, else four.
    expect([3, 4]).toContain(complete.length);
    expect(first.filter((t) => t.status === 'pruned')).toHaveLength(9 - complete.length);
    for (const t of first.filter((x) => x.status === 'pruned'))
      expect(t.scores.map((s) => s.window)).toEqual([2]);
    // The survivors are the best three on the latest window, widened to the earlier windows only.
    const survivors = first.filter((t) => t.status === 'complete');
    const cut = Math.max(...survivors.map((t) => t.scores[2].wape ?? Infinity));
    for (const t of first.filter((x) => x.status === 'pruned'))
      expect(t.scores[0].wape ?? Infinity).toBeGreaterThanOrEqual(cut);
    expect(
      w.calls.filter((c) => c.windows.length === 2).every((c) => c.windows.join() === '0,1'),
    ).toBe(true);
    expect(r.best?.status).toBe('complete');
    expect(r.best?.meanWape).toBe(Math.min(...survivors.map((t) => t.meanWape ?? Infinity)));
  });

  it.each([1, 7, 20, 33, 100])(
    'never starts an evaluation that the slowest so far says would overrun a %p s budget',
    async (budgetSec) => {
      const w = fakeWorld(2);
      const r = await searchParams({
        space: SPACE,
        windows: 3,
        budgetSec,
        seed: 3,
        fitBudgetSec: 60,
        evaluate: w.evaluate,
        now: w.now,
      });
      // The first evaluation always runs (its cost is unknown); every later one fits.
      expect(w.elapsedSec()).toBeLessThanOrEqual(Math.max(budgetSec, 2));
      expect(r.stoppedBy).toBe('budget');
      expect(r.seconds).toBe(w.elapsedSec());
      // Fits get at most half of what is left, shared by the windows of the evaluation.
      expect(w.calls[0].fitBudgetSec).toBeLessThanOrEqual(budgetSec / 2);
    },
  );

  it('draws the same trials and scores for the same seed, others for another seed', async () => {
    const run = async (seed: number) => {
      const w = fakeWorld(1);
      const r = await searchParams({
        space: SPACE,
        windows: 3,
        budgetSec: 50,
        seed,
        fitBudgetSec: 60,
        evaluate: w.evaluate,
        now: w.now,
      });
      return r.trials.map((t) => ({ params: t.params, scores: t.scores, status: t.status }));
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(await run(12)).not.toEqual(a);
    expect(a.length).toBeGreaterThan(9);
  });

  it('stops between evaluations once cancelled', async () => {
    const w = fakeWorld(1);
    const controller = new AbortController();
    const evaluate: TrialEvaluator = async (params, windows, limits) => {
      if (w.calls.length === 3) controller.abort(new Error('cancelled'));
      return w.evaluate(params, windows, limits);
    };
    await expect(
      searchParams({
        space: SPACE,
        windows: 3,
        budgetSec: 1000,
        seed: 1,
        fitBudgetSec: 60,
        evaluate,
        now: w.now,
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled');
    expect(w.calls).toHaveLength(4);
  });

  it('stops at maxTrials with time left', async () => {
    const w = fakeWorld(1);
    const r = await searchParams({
      space: SPACE,
      windows: 1,
      budgetSec: 10_000,
      seed: 1,
      maxTrials: 12,
      fitBudgetSec: 60,
      evaluate: w.evaluate,
      now: w.now,
    });
    expect(r.trials).toHaveLength(12);
    expect(r.stoppedBy).toBe('max-trials');
    expect(r.trials.every((t) => t.status === 'complete')).toBe(true);
  });
});

describe('PARAM_SPACES', () => {
  it('samples points inside every dimension, on a log scale where declared', () => {
    const random = mulberry32(5);
    const xs = Array.from({ length: 400 }, () => sampleParams(SPACE, random));
    const a = xs.map((x) => x.a as number);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0.001);
    expect(Math.max(...a)).toBeLessThanOrEqual(10);
    // Log-uniform over 4 decades: about a quarter below 0.01.
    expect(a.filter((v) => v < 0.01).length).toBeGreaterThan(60);
    expect(xs.every((x) => Number.isInteger(x.b) && ['x', 'y', 'z'].includes(x.c as string))).toBe(
      true,
    );
  });

  it.each(Object.entries(PARAM_SPACES))(
    '%s: every sampled point is accepted by the kind',
    async (kind, space) => {
      const random = mulberry32(9);
      for (let i = 0; i < 25; i++) {
        const params = sampleParams(space, random);
        const f = await createForecaster(kind, { ...params });
        expect(f.params).toMatchObject(params);
        f.dispose();
      }
    },
  );
});
