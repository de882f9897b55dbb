import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { LeaderboardDto, LeaderboardQueryDto } from './dto/leaderboard.dto.js';
import { leaderboardRows } from './leaderboard.js';
import { ModelRegistryService } from './model-registry.service.js';

/** The backtest leaderboard: read-only, no admin key (the console shows it to everyone). */
@ApiTags('models')
@Controller('leaderboard')
export class LeaderboardController {
  constructor(private readonly registry: ModelRegistryService) {}

  @Get()
  @ApiOperation({
    summary: "Registered models' backtests against the seasonal naive baseline",
    description:
      'Per target, lowest WAPE first, with stage and aliases; one row per target is the seasonal ' +
      'naive baseline of the newest backtest. Models never backtested are left out.',
  })
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiErrorResponses(400)
  async leaderboard(@Query() query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    const { versions } = await this.registry.list(query.target ? { target: query.target } : {});
    return { rows: leaderboardRows(versions) };
  }
}
