import { Inject, Injectable } from '@nestjs/common';
import type { SeriesPanel } from '../data/series-panel.js';
import { toEpochDay } from '../data/dates.js';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import { DatasetService } from '../data/dataset.service.js';
import type {
  ReplenishmentItemDto,
  ReplenishmentRequestDto,
  ReplenishmentResponseDto,
} from './dto/replenishment.dto.js';
import { roundKg, roundMoney, roundShare } from '../common/wire-numbers.js';
import { priceInput, type PriceInput } from './panel-prices.js';
import { adviseOrder } from './replenishment.js';
import type { ServedModel } from './served-model.js';
import { ServedModelsService } from './served-models.service.js';
import { ForecastRangeError, ModelNotReadyError } from './serving.errors.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';

/**
 * Order advice per item from the cached demand forecast, the loss rate, and the order day's wholesale
 * cost and selling price: forecast by the prod price models when they serve the item and the day,
 * else the last observed ones (each item's answer says which).
 */
@Injectable()
export class ReplenishmentService {
  constructor(
    private readonly served: ServedModelsService,
    private readonly datasets: DatasetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async advise(
    body: ReplenishmentRequestDto,
    requestId: string,
  ): Promise<ReplenishmentResponseDto> {
    const started = performance.now();
    const { maxItems } = this.config.serving;
    // The DTO checks the shape; the count is checked here, against the configured limit.
    if (body.item_codes && body.item_codes.length > maxItems)
      throw new RequestValidationError([
        {
          field: 'item_codes',
          message: `item_codes must contain no more than ${maxItems} elements`,
        },
      ]);
    if (body.item_codes && (body.offset !== undefined || body.limit !== undefined))
      throw new RequestValidationError([
        {
          field: body.offset !== undefined ? 'offset' : 'limit',
          message:
            'offset and limit page through every forecast item; leave them out when sending item_codes',
        },
      ]);
    if (body.limit !== undefined && body.limit > maxItems)
      throw new RequestValidationError([
        {
          field: 'limit',
          message: `limit must not be greater than ${maxItems} (serving.maxItems)`,
        },
      ]);
    if (body.date !== undefined && Number.isNaN(toEpochDay(body.date)))
      throw new RequestValidationError([
        { field: 'date', message: 'date must be a calendar date' },
      ]);
    return this.served.withModel('quantity', (model) => {
      const panel = this.datasets.panel;
      if (!panel) throw new ModelNotReadyError('quantity', 'data');
      const page = body.item_codes
        ? { codes: body.item_codes, total: body.item_codes.length, next: null }
        : pageOf([...model.cache.keys()].sort(), body.offset ?? 0, body.limit ?? maxItems);
      const date = body.date ?? firstDate(model);
      const items = this.withPriceModels((prices) =>
        page.codes.map((code) => adviseItem(model, prices, panel, code, date, body.service_level)),
      );
      return {
        date,
        model_version: model.id,
        items,
        total_items: page.total,
        next_offset: page.next,
        request_id: requestId,
        processing_time_ms: Math.round((performance.now() - started) * 1000) / 1000,
      };
    });
  }

  /** The served models of the price targets (null where none serves), held while `fn` runs. */
  private withPriceModels<R>(fn: (prices: PriceModels) => R): R {
    const held: ServedModel[] = [];
    const hold = (target: 'price' | 'wholesale'): ServedModel | null => {
      const m = this.served.served(target);
      if (!m || m.isDisposed) return null;
      m.acquire();
      held.push(m);
      return m;
    };
    try {
      return fn({ price: hold('price'), wholesale: hold('wholesale') });
    } finally {
      for (const m of held) m.release();
    }
  }
}

/** Prod models of the price targets, when served. */
interface PriceModels {
  price: ServedModel | null;
  wholesale: ServedModel | null;
}

/** One page of `all`; `next` is the offset of the page after it, null at the end. */
function pageOf(
  all: string[],
  offset: number,
  limit: number,
): { codes: string[]; total: number; next: number | null } {
  const end = offset + limit;
  return { codes: all.slice(offset, end), total: all.length, next: end < all.length ? end : null };
}

function firstDate(model: ServedModel): string {
  const f = model.cache.values().next().value;
  if (!f) throw new ModelNotReadyError('quantity', 'no forecasts cached');
  return f.dates[0];
}

function skipped(itemCode: string, reason: string): ReplenishmentItemDto {
  return { item_code: itemCode, order_kg: null, reasoning: [], reason };
}

function adviseItem(
  model: ServedModel,
  prices: PriceModels,
  panel: SeriesPanel,
  itemCode: string,
  date: string,
  serviceLevel: number | undefined,
): ReplenishmentItemDto {
  const f = model.cache.get(itemCode);
  const s = panel.seriesIds.indexOf(itemCode);
  if (!f || s < 0) return skipped(itemCode, 'no demand forecast for this item');
  const t = f.dates.indexOf(date);
  if (t < 0)
    throw new ForecastRangeError(
      `date ${date} is outside the demand forecast (${f.dates[0]} … ${f.dates[f.dates.length - 1]})`,
      { field: 'date', first: f.dates[0], last: f.dates[f.dates.length - 1] },
    );
  const observedCost = priceInput(panel, 'wholesale', s, date, prices.wholesale);
  const observedPrice = priceInput(panel, 'price', s, date, prices.price);
  const lossRate = roundShare(panel.statics.lossRate[s]);
  if (!observedCost) return skipped(itemCode, 'no wholesale price observed for this item');
  if (!observedPrice) return skipped(itemCode, 'no selling price observed for this item');
  if (Number.isNaN(lossRate)) return skipped(itemCode, 'no loss rate known for this item');
  // The advice is worked out from the inputs as the answer shows them (rounded as /predict rounds
  // them, src/common/wire-numbers.ts), so that a client can reproduce it from the answer.
  const cost: PriceInput = { ...observedCost, value: roundMoney(observedCost.value) };
  const price: PriceInput = { ...observedPrice, value: roundMoney(observedPrice.value) };
  const demand = {
    p10: roundKg(f.quantiles.p10[t]),
    p50: roundKg(f.quantiles.p50[t]),
    p90: roundKg(f.quantiles.p90[t]),
  };
  let advice;
  try {
    advice = adviseOrder({
      demand,
      lossRate,
      unitCost: cost.value,
      unitPrice: price.value,
      serviceLevel,
    });
  } catch (err) {
    return skipped(itemCode, err instanceof Error ? err.message : String(err));
  }
  return {
    item_code: itemCode,
    order_kg: advice.orderKg,
    inputs: {
      demand_p10: demand.p10,
      demand_p50: demand.p50,
      demand_p90: demand.p90,
      loss_rate: lossRate,
      unit_cost: cost,
      unit_price: price,
      ...(serviceLevel === undefined ? {} : { service_level: serviceLevel }),
    },
    advice: {
      order_kg: advice.orderKg,
      sellable_kg: advice.sellableKg,
      quantile_level: advice.quantileLevel,
      critical_ratio: advice.criticalRatio,
      cost_per_sellable_kg: advice.costPerSellableKg,
      expected_margin_per_kg: advice.expectedMarginPerKg,
    },
    reasoning: [
      `demand for ${date} from model ${model.id}`,
      `unit cost: ${describe('wholesale', cost)}; selling price: ${describe('selling price', price)}`,
      ...advice.reasoning,
    ],
  };
}

function describe(what: string, p: PriceInput): string {
  return p.source === 'forecast'
    ? `${what} ${p.value} RMB/kg forecast for ${p.date} by model ${p.model_version ?? ''}`
    : `${what} ${p.value} RMB/kg last observed on ${p.date} (no price model forecasts it for this day)`;
}
