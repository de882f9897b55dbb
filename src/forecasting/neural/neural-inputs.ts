import { CALENDAR_COVARIATES } from '../../features/calendar-covariates.js';
import { calendarNamesIn, type ModelInputs } from '../model-inputs.js';
import type { NeuralState } from './neural-state.js';
import {
  ACTIVITY_DAYS,
  FUTURE_CALENDAR,
  FUTURE_PROFILE_NAME,
  FUTURE_YEAR_BACK_NAMES,
  LEGACY_FUTURE_CALENDAR,
  PAST_CALENDAR_NAMES,
  PAST_VALUE_NAMES,
  SEASON_CALENDAR_NAMES,
  STATIC_NUMERIC_NAMES,
  YEAR,
  futureCalendar,
} from './window-features.js';

/** What a neural kind's inputs depend on: its fitted state, or (before a fit) its params. */
export interface NeuralInputShape {
  lookback: number;
  levelWindow: number;
  clip: number;
  /** Known-future calendar covariates per target day. */
  futureCalendar: readonly string[];
  /** Year-back inputs per target day. */
  yearBack: boolean;
  /** Category codes of the one-hot (null before a fit: one per category of the training data). */
  categories: readonly string[] | null;
}

export function shapeOfState(state: NeuralState): NeuralInputShape {
  return {
    lookback: state.lookback,
    levelWindow: state.levelWindow,
    clip: state.clip,
    futureCalendar: futureCalendar(state),
    yearBack: state.futureYearBack === true,
    categories: state.categories,
  };
}

/** The future calendar a fit with `festivalDays` builds (as fitNeuralState does). */
export function futureCalendarFor(festivalDays: number): readonly string[] {
  return festivalDays ? FUTURE_CALENDAR : LEGACY_FUTURE_CALENDAR;
}

/**
 * The inputs fillBatch (window-features.ts) writes for one window, by name and in its order: per
 * history day, per target day, and the statics.
 */
export function neuralInputs(kind: string, shape: NeuralInputShape): ModelInputs {
  const categories = shape.categories
    ? [...shape.categories.map((c) => `category_${c}`), 'category_unknown']
    : ['category_<code> (one per category in the training data)', 'category_unknown'];
  const features = {
    past: [...PAST_VALUE_NAMES, ...PAST_CALENDAR_NAMES],
    future: [
      ...shape.futureCalendar,
      FUTURE_PROFILE_NAME,
      ...(shape.yearBack ? FUTURE_YEAR_BACK_NAMES : []),
    ],
    static: [...categories, ...STATIC_NUMERIC_NAMES],
  };
  return {
    kind,
    // The year-ago statics read the 91 days before the origin a year earlier.
    lookbackDays: Math.max(shape.lookback, ACTIVITY_DAYS, YEAR + ACTIVITY_DAYS),
    features,
    calendar: [...calendarNamesIn(features, CALENDAR_COVARIATES), ...SEASON_CALENDAR_NAMES].filter(
      (n, i, all) => all.indexOf(n) === i,
    ),
    panelColumns: ['listed', 'price', 'wholesale', 'loss_rate', 'category'],
    scaling: `values divided by the window's level (mean of the last ${shape.levelWindow} observed values up to the origin, + eps), clipped to ±${shape.clip}`,
  };
}
