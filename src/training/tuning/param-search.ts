import { mulberry32 } from '../../forecasting/neural/seeded-random.js';
import { sampleParams, type ParamSpace, type ParamValue } from '../../forecasting/param-spaces.js';
import { halvingSchedule } from './halving-schedule.js';

/** A score of one trial on one tuning window (0 = the earliest window). */
export interface WindowWape {
  window: number;
  wape: number | null;
}

export interface Trial {
  /** 0 is the kind's defaults (the first trial of the first bracket). */
  id: number;
  bracket: number;
  /** What the kind was created with ({} for the defaults). */
  params: Record<string, ParamValue>;
  defaults: boolean;
  /** Chronological. */
  scores: WindowWape[];
  /** Mean WAPE over the windows scored (null when none could be scored). */
  meanWape: number | null;
  /** Highest rung the trial was scored in (0-based). */
  rung: number;
  /** complete: scored on every tuning window; pruned: dropped by halving; stopped: the budget ran out first. */
  status: 'complete' | 'pruned' | 'stopped';
  seconds: number;
}

/** Scores `params` on the given tuning windows (indices, chronological): one WAPE each (NaN when unscored). */
export type TrialEvaluator = (
  params: Record<string, ParamValue>,
  windows: number[],
  limits: { fitBudgetSec: number },
) => Promise<number[]>;

export interface SearchOptions {
  space: ParamSpace;
  /** Tuning windows (all before the evaluation windows). */
  windows: number;
  budgetSec: number;
  seed: number;
  /** Candidates per bracket (default 9) and the halving factor (default 3). */
  candidates?: number;
  eta?: number;
  /** Trials in all (default 200): the search stops there even with time left. */
  maxTrials?: number;
  /** Per-fit cap passed to the evaluator (seconds), before the share of the remaining budget. */
  fitBudgetSec: number;
  evaluate: TrialEvaluator;
  /** Milliseconds; default performance.now. Tests inject a clock. */
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (p: SearchProgress) => void;
}

export interface SearchProgress {
  /** Share of the budget used, 0..1. */
  fraction: number;
  trials: number;
  bestMeanWape: number | null;
}

export interface SearchResult {
  trials: Trial[];
  /** The lowest mean WAPE among the trials scored on every window (null when none was). */
  best: Trial | null;
  defaults: Trial | null;
  brackets: number;
  stoppedBy: 'budget' | 'max-trials';
  seconds: number;
}

/** Share of the remaining budget one evaluation's fits may use (leaves room for scoring and overhead). */
const FIT_SHARE = 0.5;

function mean(xs: number[]): number | null {
  const ok = xs.filter(Number.isFinite);
  return ok.length === xs.length && ok.length > 0
    ? ok.reduce((a, b) => a + b, 0) / ok.length
    : null;
}

/**
 * Time-budgeted successive halving ("random + halving"): each bracket draws `candidates` points of the
 * space (the first bracket starts with the kind's defaults), scores them on the latest tuning window,
 * keeps the best 1/eta (and the defaults, as the reference) on more windows, and so on up to every
 * window; brackets repeat until the time
 * is spent. An evaluation starts only when the slowest one so far would still fit in the time left, so
 * the search ends within the budget; with the seed and the same evaluator it draws the same trials.
 */
export async function searchParams(opts: SearchOptions): Promise<SearchResult> {
  const now = opts.now ?? (() => performance.now());
  const eta = opts.eta ?? 3;
  const perBracket = opts.candidates ?? 9;
  const maxTrials = opts.maxTrials ?? 200;
  const random = mulberry32(opts.seed);
  const started = now();
  const deadline = started + opts.budgetSec * 1000;
  const schedule = halvingSchedule(perBracket, opts.windows, eta);
  const trials: Trial[] = [];
  /** Slowest evaluation so far, in seconds per window. */
  let slowestPerWindow = 0;
  let stoppedBy: SearchResult['stoppedBy'] = 'budget';
  let brackets = 0;

  const remainingSec = (): number => (deadline - now()) / 1000;
  const affordable = (windows: number): boolean => {
    const left = remainingSec();
    return left > 0 && slowestPerWindow * windows <= left;
  };
  const best = (): Trial | null =>
    trials
      .filter((t) => t.status === 'complete' && t.meanWape !== null)
      .reduce<Trial | null>(
        (b, t) => (b === null || (t.meanWape ?? Infinity) < (b.meanWape ?? Infinity) ? t : b),
        null,
      );
  const report = (): void =>
    opts.onProgress?.({
      fraction: Math.min(1, (now() - started) / (opts.budgetSec * 1000)),
      trials: trials.filter((t) => t.scores.length > 0).length,
      bestMeanWape: best()?.meanWape ?? null,
    });

  /** Scores the trial on the latest `count` windows it has no score for yet; false when out of time. */
  const scoreOn = async (trial: Trial, count: number, rung: number): Promise<boolean> => {
    const have = new Set(trial.scores.map((s) => s.window));
    const wanted: number[] = [];
    for (let w = opts.windows - count; w < opts.windows; w++) if (!have.has(w)) wanted.push(w);
    opts.signal?.throwIfAborted();
    if (!affordable(wanted.length)) return false;
    const t0 = now();
    const fitBudgetSec = Math.max(
      1e-3,
      Math.min(opts.fitBudgetSec, (remainingSec() * FIT_SHARE) / Math.max(1, wanted.length)),
    );
    const wapes = await opts.evaluate(trial.params, wanted, { fitBudgetSec });
    const seconds = (now() - t0) / 1000;
    slowestPerWindow = Math.max(slowestPerWindow, seconds / Math.max(1, wanted.length));
    trial.seconds += seconds;
    trial.scores = [
      ...trial.scores,
      ...wanted.map((w, i) => ({ window: w, wape: Number.isFinite(wapes[i]) ? wapes[i] : null })),
    ].sort((a, b) => a.window - b.window);
    trial.meanWape = mean(trial.scores.map((s) => s.wape ?? NaN));
    trial.rung = rung;
    trial.status = trial.scores.length === opts.windows ? 'complete' : 'stopped';
    report();
    return true;
  };

  const tried = new Set<string>();
  /** A point not tried yet (small spaces run out: then a repeat, after a few draws). */
  const drawNew = (): Record<string, ParamValue> => {
    let params = sampleParams(opts.space, random);
    for (let i = 0; i < 20 && tried.has(JSON.stringify(params)); i++)
      params = sampleParams(opts.space, random);
    tried.add(JSON.stringify(params));
    return params;
  };

  search: while (true) {
    const entrants: Trial[] = [];
    for (let c = 0; c < perBracket; c++) {
      if (trials.length >= maxTrials) {
        stoppedBy = 'max-trials';
        break;
      }
      const isDefaults = trials.length === 0;
      const trial: Trial = {
        id: trials.length,
        bracket: brackets,
        params: isDefaults ? {} : drawNew(),
        defaults: isDefaults,
        scores: [],
        meanWape: null,
        rung: 0,
        status: 'stopped',
        seconds: 0,
      };
      trials.push(trial);
      entrants.push(trial);
    }
    if (entrants.length === 0) break;
    brackets++;
    let alive = entrants;
    for (const [r, rung] of schedule.entries()) {
      if (r > 0) {
        const ranked = [...alive].sort(
          (a, b) => (a.meanWape ?? Infinity) - (b.meanWape ?? Infinity) || a.id - b.id,
        );
        // The defaults always go on: the reference every tuned result is compared with.
        alive = ranked.filter((t, i) => i < rung.candidates || t.defaults);
        for (const t of ranked)
          if (!alive.includes(t) && t.status === 'stopped') t.status = 'pruned';
      }
      for (const trial of alive) if (!(await scoreOn(trial, rung.windows, r))) break search;
    }
    if (stoppedBy === 'max-trials') break;
  }
  // Trials drawn but never scored (the budget ran out first) are left out of the result.
  const scored = trials.filter((t) => t.scores.length > 0);
  return {
    trials: scored,
    best: best(),
    defaults: scored.find((t) => t.defaults) ?? null,
    brackets,
    stoppedBy,
    seconds: (now() - started) / 1000,
  };
}
