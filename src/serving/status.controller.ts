import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { currentBackend } from '../forecasting/tf/tf-backend.js';
import { FirstStartService } from '../startup/first-start.service.js';
import type { StartupState } from '../startup/startup-state.js';
import { ServingStatusService, type ServingStatus } from './serving-status.service.js';

export interface StatusResponse extends StartupState {
  serving: ServingStatus;
  /**
   * Things an operator should know: a price target the first start left without a prod model, a
   * model serving other data than it was trained on.
   */
  warnings: string[];
  tf_backend: string | null;
  queue_mode: 'redis' | 'in-process';
}

@ApiTags('status')
@Controller('status')
export class StatusController {
  constructor(
    private readonly firstStart: FirstStartService,
    private readonly serving: ServingStatusService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'What the server has loaded: start-up phase, data, prod models per target, forecast caches',
  })
  @ApiOkResponse({
    description:
      'phase (starting, data, training, ready, failed), data summary, prod model per target (as served now), serving caches (size, age, training and served data fingerprints), on-demand counters, tf backend, queue mode, warnings (a price target left without a prod model by the first start, a model serving other data than it was trained on)',
  })
  status(): StatusResponse {
    const startup = this.firstStart.state;
    const serving = this.serving.status();
    return {
      ...startup,
      // The prod model per target as served now: after a promotion it is no longer the one the
      // first start trained or found.
      models: this.serving.currentModels(startup.models),
      serving,
      warnings: [
        ...startup.warnings,
        ...Object.values(serving.models).flatMap((m) =>
          m?.dataWarning == null ? [] : [m.dataWarning],
        ),
      ],
      tf_backend: currentBackend()?.backend ?? null,
      queue_mode: this.config.queue.redisUrl === '' ? 'in-process' : 'redis',
    };
  }
}
