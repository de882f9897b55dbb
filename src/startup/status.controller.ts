import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FirstStartService } from './first-start.service.js';
import type { StartupState } from './startup-state.js';

@ApiTags('status')
@Controller('status')
export class StatusController {
  constructor(private readonly firstStart: FirstStartService) {}

  @Get()
  @ApiOperation({
    summary: 'What the server has loaded: data, prod models per target, start-up phase',
  })
  @ApiOkResponse({
    description: 'start-up phase (starting, data, training, ready, failed), data summary, models',
  })
  status(): StartupState {
    return this.firstStart.state;
  }
}
