import { Inject, Injectable } from '@nestjs/common';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import { DatasetService } from '../data/dataset.service.js';
import { fromEpochDay, toEpochDay } from '../data/dates.js';
import { TARGETS, type SeriesPanel, type Target } from '../data/series-panel.js';
import { ActualsStore } from '../monitoring/actuals/actuals.store.js';
import { loggedOrigins, readForecastLog } from '../monitoring/forecast-log/forecast-log.store.js';
import { ServedModelsService } from '../serving/served-models.service.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import {
  DEFAULT_HISTORY_DAYS,
  MAX_HISTORY_RANGE_DAYS,
  type ItemForecastDto,
  type ItemHistoryDto,
  type ItemHistoryQueryDto,
  type ItemsPageDto,
  type ItemsQueryDto,
  type ItemSummaryDto,
} from './dto/items.dto.js';
import { itemCatalog, searchCatalog, type CatalogItem } from './item-catalog.js';
import { historyDays, loggedForecast, servedForecast } from './item-history.js';
import { forecastableFirst, type ServedItems } from './item-list-order.js';
import { DataNotReadyError, UnknownItemError } from './items.errors.js';

/** Logged forecasts returned per history answer at most (the newest origins). */
const MAX_PAST_FORECASTS = 60;

/** GET /items and GET /items/:item_code/history over the loaded panel and the served models. */
@Injectable()
export class ItemsService {
  constructor(
    private readonly datasets: DatasetService,
    private readonly served: ServedModelsService,
    private readonly firstStart: FirstStartService,
    private readonly actuals: ActualsStore,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  list(query: ItemsQueryDto): ItemsPageDto {
    const catalog = itemCatalog(this.panel());
    const servedBy = this.servedSets();
    const wanted = query.forecast;
    const matches = forecastableFirst(
      searchCatalog(catalog, {
        q: query.q,
        category: query.category,
        keep: wanted ? (item) => servedBy[wanted].has(item.itemCode) : undefined,
      }),
      servedBy,
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const end = offset + limit;
    return {
      items: matches.slice(offset, end).map((item) => summary(item, servedBy)),
      total: matches.length,
      offset,
      limit,
      next_offset: end < matches.length ? end : null,
      categories: catalog.categories,
    };
  }

  async history(itemCode: string, query: ItemHistoryQueryDto): Promise<ItemHistoryDto> {
    const panel = this.panel();
    const item = itemCatalog(panel).byCode.get(itemCode);
    if (!item) throw new UnknownItemError(itemCode);
    const target = query.target ?? 'quantity';
    const { from, to } = historyRange(panel, query);
    const posted = await this.actuals.read(target, from, to);
    const model = this.served.served(target);
    const cached = model?.cache.get(itemCode);
    return {
      item_code: itemCode,
      name: item.name,
      category: item.category,
      target,
      unit: target === 'quantity' ? 'kg' : 'RMB/kg',
      from,
      to,
      days: historyDays(panel, target, item.index, from, to, posted),
      forecast: model && cached ? servedForecast(model.id, target, cached) : null,
      past_forecasts: await this.pastForecasts(target, itemCode, from, to),
    };
  }

  private async pastForecasts(
    target: Target,
    itemCode: string,
    from: string,
    to: string,
  ): Promise<ItemForecastDto[]> {
    const origins = (await loggedOrigins(this.store, target, from, to)).slice(-MAX_PAST_FORECASTS);
    const out: ItemForecastDto[] = [];
    for (const origin of origins)
      for (const f of await readForecastLog(this.store, target, origin))
        if (f.seriesId === itemCode) out.push(loggedForecast(target, f));
    return out;
  }

  private panel(): SeriesPanel {
    const panel = this.datasets.panel;
    if (!panel) throw new DataNotReadyError(this.firstStart.state.phase);
    return panel;
  }

  private servedSets(): ServedItems {
    const sets = {} as Record<Target, ReadonlySet<string>>;
    for (const target of TARGETS) {
      const cache = this.served.served(target)?.cache;
      sets[target] = cache ? new Set(cache.keys()) : new Set();
    }
    return sets;
  }
}

function summary(item: CatalogItem, servedBy: ServedItems): ItemSummaryDto {
  return {
    item_code: item.itemCode,
    name: item.name,
    category: item.category,
    category_code: item.categoryCode,
    loss_rate: item.lossRate,
    first_sale_date: item.firstSaleDate,
    last_sale_date: item.lastSaleDate,
    days_sold: item.daysSold,
    forecasts: {
      quantity: servedBy.quantity.has(item.itemCode),
      price: servedBy.price.has(item.itemCode),
      wholesale: servedBy.wholesale.has(item.itemCode),
    },
  };
}

/**
 * [from, to] of a history request: defaults, calendar checks and the range limit. In epoch days: a
 * default past 9999-12-31 has no YYYY-MM-DD text (`+010000-…`), and compared as text it slipped past the
 * checks (`from=9999-12-31` answered 200 with `to: "+010000-06"`).
 */
function historyRange(
  panel: SeriesPanel,
  query: ItemHistoryQueryDto,
): { from: string; to: string } {
  for (const field of ['from', 'to'] as const) {
    const v = query[field];
    if (v !== undefined && Number.isNaN(toEpochDay(v)))
      throw new RequestValidationError([{ field, message: `${field} must be a calendar date` }]);
  }
  const last = toEpochDay(panel.dates[panel.dates.length - 1] ?? '1970-01-01');
  const asked = query.from === undefined ? undefined : toEpochDay(query.from);
  const to =
    query.to !== undefined
      ? toEpochDay(query.to)
      : asked !== undefined
        ? Math.min(asked + DEFAULT_HISTORY_DAYS, last)
        : last;
  const from = asked ?? to - (DEFAULT_HISTORY_DAYS - 1);
  const span = to - from;
  if (span < 0)
    throw new RequestValidationError([{ field: 'from', message: 'from must not be after to' }]);
  if (span >= MAX_HISTORY_RANGE_DAYS)
    throw new RequestValidationError([
      {
        field: 'to',
        message: `from … to covers ${span + 1} days; at most ${MAX_HISTORY_RANGE_DAYS} per request`,
      },
    ]);
  return { from: fromEpochDay(from), to: fromEpochDay(to) };
}
