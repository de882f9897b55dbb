import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthResponseDto, LivenessResponseDto } from './dto/health-response.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Version, uptime, tf backend, queue mode and every check (readiness ones included)',
  })
  @ApiOkResponse({
    type: HealthResponseDto,
    description: 'Up (ok, or degraded while a readiness check is down)',
  })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'A health check is down' })
  async check(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponseDto> {
    const { httpStatus, body } = await this.health.report();
    res.status(httpStatus);
    return body;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and answers (no checks)' })
  @ApiOkResponse({ type: LivenessResponseDto })
  live(): LivenessResponseDto {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: start-up finished, a prod model serves each required target, Redis (when configured), artifact store, tf backend',
  })
  @ApiOkResponse({ type: HealthResponseDto, description: 'Ready: every readiness check is up' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDto,
    description: 'Not ready: `failing` names the checks that are down',
  })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponseDto> {
    const { httpStatus, body } = await this.health.ready();
    res.status(httpStatus);
    return body;
  }
}
