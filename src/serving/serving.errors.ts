import { AppError } from '../common/errors/app-error.js';
import type { FieldError } from '../common/errors/error-envelope.js';

/** Why a target has no served model, by the start's phase: waiting helps only while it runs. */
function notReadyReason(target: string, phase: string): string {
  if (phase === 'ready')
    return `no ${target} model is in prod (server phase: ready): none was trained for it or none passed the gates; train and promote one (POST /admin/retrain with "target": "${target}")`;
  if (phase === 'failed')
    return `no ${target} model is loaded (server phase: failed): the start failed, GET /status says why`;
  return `no ${target} model is loaded yet (server phase: ${phase}); the model is training or loading, retry shortly`;
}

/** No prod model of the target is loaded (first start still training, loading, or none in prod). */
export class ModelNotReadyError extends AppError {
  constructor(target: string, phase: string) {
    super(503, notReadyReason(target, phase), {
      code: 'model_not_ready',
      details: { target, phase },
    });
  }
}

/** The item has no forecast: unknown to the server, or too little history. */
export class ItemNotFoundError extends AppError {
  constructor(itemCode: string, target: string) {
    super(
      404,
      `no ${target} forecast for item ${itemCode}: the item is unknown or has too little history; send its history to forecast it on demand`,
      { code: 'item_not_found', details: { item_code: itemCode, target } },
    );
  }
}

/** The request asks for dates or a horizon the model/cache cannot give. */
export class ForecastRangeError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super(400, message, { code: 'forecast_out_of_range', details });
  }
}

/** A history sent for an on-demand forecast is unusable; details name the fields. */
export class HistoryValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super(400, `history rejected: ${fields[0]?.message ?? 'invalid'}`, {
      code: 'invalid_history',
      details: fields,
    });
  }
}
