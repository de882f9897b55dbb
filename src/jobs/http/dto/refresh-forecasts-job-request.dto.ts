import type { Target } from '../../../data/series-panel.js';
import { OptionalTargetField } from '../../../data/target-field.decorator.js';

/** POST /admin/refresh-forecasts body (optional). */
export class RefreshForecastsJobRequestDto {
  @OptionalTargetField(
    'Target whose forecast cache to recompute (default: every target with a prod model)',
    null,
  )
  target?: Target;
}
