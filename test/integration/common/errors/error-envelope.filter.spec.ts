import { Body, Controller, Get, NotFoundException, Post, type LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { AppError } from '../../../../src/common/errors/app-error.js';
import { RequestId } from '../../../../src/common/request-id/request-id.decorator.js';
import { startModuleApp } from '../../../helpers/test-app.factory.js';

class ModelNotFoundError extends AppError {
  constructor(id: string) {
    super(404, `Model ${id} not found`, { code: 'model_not_found', details: { model_id: id } });
  }
}

class WindowDto {
  @IsInt()
  @Min(1)
  days!: number;
}

class ForecastProbeDto {
  @IsString()
  item!: string;

  @IsInt()
  @Max(60)
  horizon!: number;

  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;
}

@Controller('probe')
class ProbeController {
  @Get('id')
  id(@RequestId() id: string): { id: string } {
    return { id };
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret internals: db password is hunter2');
  }

  @Get('typed')
  typed(): never {
    throw new ModelNotFoundError('mlp-7');
  }

  @Get('http')
  http(): never {
    throw new NotFoundException('No forecast for item 42');
  }

  @Post('forecast')
  forecast(@Body() body: ForecastProbeDto): { horizon: number; isDto: boolean } {
    return { horizon: body.horizon, isDto: body instanceof ForecastProbeDto };
  }
}

class CapturingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    this.errors.push([message, ...rest].map(String).join(' | '));
  }
}

describe('ErrorEnvelopeFilter and ValidationPipe', () => {
  let app: NestFastifyApplication;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    app = await startModuleApp({ controllers: [ProbeController], logger });
  });
  afterAll(() => app.close());

  it('turns an unknown error into a generic 500 envelope and logs it once with the request id', async () => {
    logger.errors.length = 0;
    const res = await request(app.getHttpServer())
      .get('/probe/crash')
      .set('x-request-id', 'crash-req-1')
      .expect(500);
    expect(res.body).toEqual({
      error: 'internal_error',
      message: 'Internal server error',
      details: null,
      timestamp: expect.any(String),
      request_id: 'crash-req-1',
    });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const matching = logger.errors.filter((e) => e.includes('crash-req-1'));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain('hunter2');
  });

  it('gives handlers the request id through @RequestId()', async () => {
    const res = await request(app.getHttpServer()).get('/probe/id').set('x-request-id', 'h-1');
    expect(res.body).toEqual({ id: 'h-1' });
    const generated = await request(app.getHttpServer()).get('/probe/id');
    expect(generated.body.id).toBe(generated.headers['x-request-id']);
  });

  it('keeps the status, code and details of an AppError subclass', async () => {
    const res = await request(app.getHttpServer()).get('/probe/typed').expect(404);
    expect(res.body).toMatchObject({
      error: 'model_not_found',
      message: 'Model mlp-7 not found',
      details: { model_id: 'mlp-7' },
    });
    expect(Number.isNaN(Date.parse(String(res.body.timestamp)))).toBe(false);
  });

  it('maps a Nest HttpException with its message and a default code', async () => {
    const res = await request(app.getHttpServer()).get('/probe/http').expect(404);
    expect(res.body).toMatchObject({ error: 'not_found', message: 'No forecast for item 42' });
  });

  it('reports validation failures field by field, with nested paths', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/forecast')
      .send({ item: 5, horizon: 99, window: { days: 0 }, extra: true })
      .expect(400);
    expect(res.body.error).toBe('validation_failed');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['item', 'horizon', 'window.days', 'extra']));
    for (const d of res.body.details) expect(typeof d.message).toBe('string');
  });

  it('passes a valid body through as a DTO instance', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/forecast')
      .send({ item: 'apple', horizon: 28, window: { days: 7 } })
      .expect(201);
    expect(res.body).toEqual({ horizon: 28, isDto: true });
  });

  it('answers a JSON array where an object is expected with a 400, not a 500', async () => {
    const res = await request(app.getHttpServer()).post('/probe/forecast').send([1, 2]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
  });
});
