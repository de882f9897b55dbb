import { AppError } from '../common/errors/app-error.js';

/** The data set is not loaded yet (first start still reading it). */
export class DataNotReadyError extends AppError {
  constructor(phase: string) {
    super(503, `the data set is not loaded yet (server phase: ${phase}); retry shortly`, {
      code: 'data_not_ready',
      details: { phase },
    });
  }
}

/** The item code is not in the data set. */
export class UnknownItemError extends AppError {
  constructor(itemCode: string) {
    super(404, `item ${itemCode} is not in the data set (GET /items lists the items)`, {
      code: 'item_not_found',
      details: { item_code: itemCode },
    });
  }
}
