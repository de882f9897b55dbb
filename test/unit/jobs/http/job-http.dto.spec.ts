import type { ArgumentMetadata, Type } from '@nestjs/common';
import { createValidationPipe } from '../../../../src/common/validation/validation-pipe.factory.js';
import type { FieldError } from '../../../../src/common/errors/error-envelope.js';
import { BacktestJobRequestDto } from '../../../../src/jobs/http/dto/backtest-job-request.dto.js';
import { BatchPredictRequestDto } from '../../../../src/jobs/http/dto/batch-predict-request.dto.js';
import { BatchResultQueryDto } from '../../../../src/jobs/http/dto/batch-result.dto.js';
import { JobIdParamDto } from '../../../../src/jobs/http/dto/job-id-param.dto.js';
import { JobListQueryDto } from '../../../../src/jobs/http/dto/job-list-query.dto.js';
import { TrainJobRequestDto } from '../../../../src/jobs/http/dto/train-job-request.dto.js';
import { TuneJobRequestDto } from '../../../../src/jobs/http/dto/tune-job-request.dto.js';
import { trainPayloadSchema } from '../../../../src/jobs/job-payloads.js';
import { tunePayloadSchema } from '../../../../src/jobs/tune-job.payloads.js';
import { forecastingConfigSchema } from '../../../../src/config/forecasting.config.js';
import { listKinds } from '../../../../src/forecasting/forecaster.registry.js';

const pipe = createValidationPipe();

async function validate<T>(
  metatype: Type<T>,
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
): Promise<{ ok: T } | { fields: FieldError[] }> {
  try {
    return { ok: (await pipe.transform(value, { type, metatype })) as T };
  } catch (err) {
    const details = (err as { details?: FieldError[] }).details;
    if (!Array.isArray(details)) throw err;
    return { fields: details };
  }
}
const fieldsOf = (r: object): string[] =>
  'fields' in r ? (r.fields as FieldError[]).map((f) => f.field) : [];

describe('job route DTOs with the app validation pipe', () => {
  it('accepts a full batch body and 10 000 item codes', async () => {
    const body = {
      item_codes: Array.from({ length: 10_000 }, (_, i) => `i${i}`),
      target: 'wholesale',
      horizon: 60,
      date: '2024-02-29',
      format: 'csv',
      model: 'quantity-ets-20230701T000000Z-ab12cd',
    };
    const r = await validate(BatchPredictRequestDto, body);
    expect('ok' in r && r.ok).toBeInstanceOf(BatchPredictRequestDto);
    expect(
      fieldsOf(
        await validate(BatchPredictRequestDto, { ...body, item_codes: [...body.item_codes, 'x'] }),
      ),
    ).toEqual(['item_codes']);
  });

  it.each([
    [{ horizon: 0 }, 'horizon'],
    [{ horizon: 1000 }, 'horizon'],
    [{ horizon: '7' }, 'horizon'],
    [{ date: '2023-13-01' }, 'date'],
    [{ date: '2023-02-29' }, 'date'],
    [{ date: '2023-7-1' }, 'date'],
    [{ target: 'sales' }, 'target'],
    [{ format: 'parquet' }, 'format'],
    [{ model: 'x'.repeat(201) }, 'model'],
    [{ model: 'prod/../x' }, 'model'],
    [{ item_codes: [''] }, 'item_codes'],
    [{ all: 1 }, 'all'],
  ])('refuses batch body %j on %s', async (body, field) => {
    expect(fieldsOf(await validate(BatchPredictRequestDto, body))).toContain(field);
  });

  it('names the unknown kinds and lists the known ones', async () => {
    const r = await validate(TrainJobRequestDto, { models: ['ets', 'arima', 'lstm'] });
    expect('fields' in r).toBe(true);
    const [error] = 'fields' in r ? r.fields : [];
    expect(error.field).toBe('models');
    expect(error.message).toContain('unknown: arima;');
    expect(error.message).toContain(`known kinds: ${listKinds().join(', ')}`);
    const ok = await validate(TrainJobRequestDto, { models: listKinds().slice(0, 10) });
    expect('ok' in ok).toBe(true);
    expect(fieldsOf(await validate(BacktestJobRequestDto, { kind: 'arima' }))).toEqual(['kind']);
  });

  it("bounds the seed of retrain and tune bodies and payloads as the CLI's --seed: 0…2^31 − 1", async () => {
    const tune = { model: 'linear', budget_s: 60 };
    for (const seed of [0, 42, 2 ** 31 - 1]) {
      expect('ok' in (await validate(TrainJobRequestDto, { seed }))).toBe(true);
      expect('ok' in (await validate(TuneJobRequestDto, { ...tune, seed }))).toBe(true);
      expect(trainPayloadSchema.safeParse({ seed }).success).toBe(true);
      expect(tunePayloadSchema.safeParse({ kind: 'linear', budgetSec: 60, seed }).success).toBe(
        true,
      );
    }
    for (const seed of [-1, 2 ** 31, 1e300, 1.5, '7']) {
      expect(new Set(fieldsOf(await validate(TrainJobRequestDto, { seed })))).toEqual(
        new Set(['seed']),
      );
      expect(new Set(fieldsOf(await validate(TuneJobRequestDto, { ...tune, seed })))).toEqual(
        new Set(['seed']),
      );
      expect(trainPayloadSchema.safeParse({ seed }).success).toBe(false);
      expect(tunePayloadSchema.safeParse({ kind: 'linear', budgetSec: 60, seed }).success).toBe(
        false,
      );
    }
    const high = await validate(TrainJobRequestDto, { seed: 2 ** 31 });
    expect('fields' in high && high.fields[0].message).toBe(
      'seed must not be greater than 2147483647',
    );
    const seedOf = forecastingConfigSchema.shape.seed;
    expect(seedOf.safeParse(2 ** 31 - 1).success).toBe(true);
    expect(seedOf.safeParse(2 ** 31).success).toBe(false);
  });

  it('checks job ids: up to 300 of letters, digits and . _ : -', async () => {
    for (const id of [
      'batch-predict.k-abc',
      'repeat:train.nightly:1700000000000',
      'a'.repeat(300),
    ]) {
      expect('ok' in (await validate(JobIdParamDto, { id }, 'param'))).toBe(true);
    }
    for (const id of ['a'.repeat(301), 'a/b', 'a b', 'é', '']) {
      expect(fieldsOf(await validate(JobIdParamDto, { id }, 'param'))).toEqual(['id']);
    }
  });

  it('coerces and bounds the list query', async () => {
    const r = await validate(
      JobListQueryDto,
      { limit: '25', state: 'failed', name: 'train' },
      'query',
    );
    expect('ok' in r && r.ok).toEqual(
      Object.assign(new JobListQueryDto(), { limit: 25, state: 'failed', name: 'train' }),
    );
    for (const [query, field] of [
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ limit: '2.5' }, 'limit'],
      [{ state: 'stalled' }, 'state'],
      [{ name: 'drift' }, 'name'],
    ] as const) {
      expect(fieldsOf(await validate(JobListQueryDto, query, 'query'))).toEqual([field]);
    }
    expect(fieldsOf(await validate(BatchResultQueryDto, { format: 'xlsx' }, 'query'))).toEqual([
      'format',
    ]);
  });
});
