import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { AccuracyQueryDto, AccuracyResponseDto, MonitoringQueryDto } from './dto/accuracy.dto.js';
import { AlertsQueryDto, AlertsResponseDto } from './dto/alerts.dto.js';
import { DriftResponseDto } from './dto/drift.dto.js';
import { ForecastMonitoringService } from './forecast-monitoring.service.js';
import type { AccuracyRow } from './accuracy/live-accuracy.js';
import { roundShare } from '../common/wire-numbers.js';

/** A row's metrics for people, 4 decimals (the stored report keeps full precision). */
function roundedRow(row: AccuracyRow): AccuracyRow {
  const r = (x: number): number => (Number.isFinite(x) ? roundShare(x) : x);
  return {
    ...row,
    wape: r(row.wape),
    bias: r(row.bias),
    mase: r(row.mase),
    pinball: r(row.pinball),
    coverage: r(row.coverage),
  };
}

@ApiTags('monitoring')
@Controller('monitoring')
export class ForecastMonitoringController {
  constructor(private readonly monitoring: ForecastMonitoringService) {}

  @Get('accuracy')
  @ApiOperation({
    summary: 'Live accuracy: logged forecasts scored on actuals',
    description:
      'WAPE, MASE, bias, pinball and P10–P90 coverage per model version, horizon bucket and category ' +
      'over rolling windows, next to each model’s backtest figures; written by the score-accuracy job.',
  })
  @ApiOkResponse({ type: AccuracyResponseDto })
  @ApiErrorResponses(400)
  async accuracy(@Query() q: AccuracyQueryDto): Promise<AccuracyResponseDto> {
    const reports = await this.monitoring.accuracy(q.target);
    for (const r of reports)
      r.rows = r.rows
        .filter(
          (row) =>
            (q.window === undefined || row.window_days === q.window) &&
            (q.model === undefined || row.model_version === q.model),
        )
        .map(roundedRow);
    return { reports };
  }

  @Get('drift')
  @ApiOperation({
    summary: "Drift of recent data and predictions from the prod model's training reference",
    description:
      'PSI (quantile bins) and KS per feature, drifted share; written by the check-drift job.',
  })
  @ApiOkResponse({ type: DriftResponseDto })
  @ApiErrorResponses(400)
  async drift(@Query() q: MonitoringQueryDto): Promise<DriftResponseDto> {
    return { reports: await this.monitoring.drift(q.target) };
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts fired (newest first) with their delivery outcome' })
  @ApiOkResponse({ type: AlertsResponseDto })
  @ApiErrorResponses(400)
  async alerts(@Query() q: AlertsQueryDto): Promise<AlertsResponseDto> {
    return { alerts: await this.monitoring.alertHistory(q.limit ?? 100) };
  }
}
