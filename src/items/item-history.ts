import { roundFor } from '../common/wire-numbers.js';
import { addDays, toEpochDay } from '../data/dates.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { isChinesePublicHoliday } from '../features/public-holiday.calendar.js';
import type { LoggedForecast } from '../monitoring/forecast-log/forecast-log.store.js';
import type { HistoryDayDto, ItemForecastDto } from './dto/items.dto.js';

/** The panel days of series `s` in [from, to] (clipped to the panel), with posted actuals laid over. */
export function historyDays(
  panel: SeriesPanel,
  target: Target,
  s: number,
  from: string,
  to: string,
  posted: ReadonlyMap<string, ReadonlyMap<string, number>>,
): HistoryDayDto[] {
  const T = panel.dates.length;
  if (T === 0) return [];
  const first = panel.dates[0];
  const start = Math.max(0, toEpochDay(from) - toEpochDay(first));
  const end = Math.min(T - 1, toEpochDay(to) - toEpochDay(first));
  const column = panel.columns.get(target);
  const itemCode = panel.seriesIds[s];
  const round = roundFor(target);
  const days: HistoryDayDto[] = [];
  for (let t = start; t <= end; t++) {
    const date = panel.dates[t];
    const v = column ? column[s * T + t] : Number.NaN;
    const day: HistoryDayDto = {
      date,
      value: Number.isFinite(v) ? round(v) : null,
      listed: panel.listed[s * T + t] === 1,
      holiday: isChinesePublicHoliday(date),
    };
    const actual = posted.get(date)?.get(itemCode);
    if (actual !== undefined) day.posted_actual = actual;
    days.push(day);
  }
  return days;
}

/** A served forecast in the history answer's shape, rounded as the target reads. */
export function servedForecast(modelVersion: string, target: Target, f: Forecast): ItemForecastDto {
  const round = roundFor(target);
  return {
    model_version: modelVersion,
    origin: addDays(f.dates[0], -1),
    points: f.dates.map((date, h) => ({
      date,
      p10: round(f.quantiles.p10[h]),
      p50: round(f.quantiles.p50[h]),
      p90: round(f.quantiles.p90[h]),
      holiday: isChinesePublicHoliday(date),
    })),
  };
}

/** A forecast read back from the monitoring log in the history answer's shape, rounded as the target reads. */
export function loggedForecast(target: Target, f: LoggedForecast): ItemForecastDto {
  const round = roundFor(target);
  return {
    model_version: f.modelVersion,
    origin: f.origin,
    points: f.p50.map((p50, h) => {
      const date = addDays(f.origin, h + 1);
      return {
        date,
        p10: round(f.p10[h]),
        p50: round(p50),
        p90: round(f.p90[h]),
        holiday: isChinesePublicHoliday(date),
      };
    }),
  };
}
