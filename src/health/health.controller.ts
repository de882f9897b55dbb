import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthResponseDto } from './dto/health-response.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness and readiness: version, uptime, tf backend, queue mode, checks',
  })
  @ApiOkResponse({ type: HealthResponseDto, description: 'Healthy (ok or degraded)' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'A check is down' })
  async check(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponseDto> {
    const { httpStatus, body } = await this.health.report();
    res.status(httpStatus);
    return body;
  }
}
