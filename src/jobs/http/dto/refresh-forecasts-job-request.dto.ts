import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TARGETS, type Target } from '../../../data/series-panel.js';

/** POST /admin/refresh-forecasts body (optional). */
export class RefreshForecastsJobRequestDto {
  @ApiPropertyOptional({
    enum: TARGETS,
    example: 'quantity',
    description:
      'Target whose forecast cache to recompute (default: every target with a prod model)',
  })
  @IsOptional()
  @IsIn(TARGETS)
  target?: Target;
}
