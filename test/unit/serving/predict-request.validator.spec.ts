import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '../../../src/common/validation/validation-pipe.factory.js';
import { RequestValidationError } from '../../../src/common/validation/request-validation.error.js';
import { testConfig } from '../../helpers/test-config.js';
import { PredictRequestDto } from '../../../src/serving/dto/predict.dto.js';
import {
  compilePredictRequestValidator,
  predictRequestShapeProblem,
} from '../../../src/serving/dto/predict-request.validator.js';
import { PredictRequestPipe } from '../../../src/serving/predict-request.pipe.js';

const META: ArgumentMetadata = { type: 'body', metatype: PredictRequestDto };

/** What the global class-validator ValidationPipe answers for a body: the value, or the details. */
async function reference(body: unknown): Promise<{ ok: boolean; details?: unknown }> {
  try {
    await createValidationPipe().transform(structuredClone(body), META);
    return { ok: true };
  } catch (err) {
    if (err instanceof RequestValidationError) return { ok: false, details: err.details };
    throw err;
  }
}

function compiled(body: unknown): { ok: boolean; details?: unknown } {
  const r = compilePredictRequestValidator()(structuredClone(body));
  return r.ok ? { ok: true } : { ok: false, details: r.errors };
}

const history = (n: number): { date: string; value: number }[] =>
  Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10),
    value: 5 + (i % 7),
  }));
const withPoint = (i: number, point: unknown): unknown[] =>
  history(30).map((p, k) => (k === i ? point : p));

/** Bodies the e2e suites and clients send, valid and not: same verdict, same details, same order. */
const CORPUS: Record<string, unknown> = {
  'one item': { item_code: '102900065821321', horizon: 7 },
  'several items': { item_codes: ['a', 'b'], date: '2023-07-01', horizon: 3, target: 'price' },
  'on demand': { item_code: 'new', history: history(120), horizon: 7 },
  empty: {},
  'null values are refused (IsOmittable)': {
    item_code: null,
    horizon: null,
    date: null,
    target: null,
    item_codes: null,
    history: null,
  },
  'unknown properties': { item_code: 'x', extra: 1, zz: 2 },
  'wrong types': { item_code: 5, horizon: '7', target: 'x', date: 5 },
  'fractional horizon': { item_code: 'a', horizon: 1.5 },
  'horizon 0': { item_code: 'a', horizon: 0 },
  'horizon too large': { item_code: 'a', horizon: 400 },
  'item code too long': { item_code: 'x'.repeat(65) },
  'empty item_codes': { item_codes: [] },
  'bad item_codes entries': { item_codes: [1, 'x', null, 'y'.repeat(70)] },
  'item_codes not an array': { item_codes: 'abc' },
  'too many item_codes': { item_codes: Array.from({ length: 101 }, (_, i) => `i${i}`) },
  'bad date': { item_code: 'a', date: '2023-7-1' },
  'history not an array': { item_code: 'a', history: 'abc' },
  'empty history': { item_code: 'a', history: [] },
  'history too long': { item_code: 'a', history: history(3661) },
  'negative value': { item_code: 'x', history: withPoint(10, { date: '2023-01-11', value: -1 }) },
  'null value': { item_code: 'x', history: withPoint(10, { date: '2023-01-11', value: null }) },
  'huge value': { item_code: 'x', history: withPoint(10, { date: '2023-01-11', value: 1e12 }) },
  'string value': { item_code: 'x', history: withPoint(10, { date: '2023-01-11', value: 'x' }) },
  'missing fields and extra field': { item_code: 'x', history: withPoint(3, { foo: 1 }) },
  'non-object points': { item_code: 'x', history: [1, null, 'x', ...history(3)] },
  'bad point date': { item_code: 'x', history: withPoint(0, { date: 20230101, value: 1 }) },
};

describe('compilePredictRequestValidator', () => {
  it.each(Object.entries(CORPUS))(
    'answers like the class-validator rules of PredictRequestDto: %s',
    async (_name, body) => {
      expect(compiled(body)).toEqual(await reference(body));
    },
  );

  it('rejects a body that is not an object', () => {
    const r = compilePredictRequestValidator()([1, 2]);
    expect(r.ok).toBe(false);
  });

  it('returns the body itself when it is valid', () => {
    const body = { item_code: 'a', history: history(3) };
    const r = compilePredictRequestValidator()(body);
    expect(r).toEqual({ ok: true, value: body });
  });

  it('checks the limits it is given', () => {
    const check = compilePredictRequestValidator({
      maxItems: 2,
      maxHistoryDays: 10,
      maxHistoryValue: 50,
    });
    expect(check({ item_codes: ['a', 'b', 'c'] })).toEqual({
      ok: false,
      errors: [{ field: 'item_codes', message: 'item_codes must contain no more than 2 elements' }],
    });
    expect(check({ item_code: 'a', history: history(11) })).toEqual({
      ok: false,
      errors: [{ field: 'history', message: 'history must contain no more than 10 elements' }],
    });
    const high = history(5).map((p) => ({ ...p, value: 60 }));
    const r = check({ item_code: 'a', history: high });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toEqual({
        field: 'history.0.value',
        message: 'value must not be greater than 50',
      });
    // Larger limits than the defaults are allowed too.
    const wide = compilePredictRequestValidator({
      maxItems: 500,
      maxHistoryDays: 5000,
      maxHistoryValue: 1e9,
    });
    expect(wide({ item_codes: Array.from({ length: 300 }, (_, i) => `i${i}`) }).ok).toBe(true);
  });
});

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('predictRequestShapeProblem', () => {
  it.each([
    [{}, 'item_code', 'give exactly one of item_code and item_codes'],
    [
      { item_code: 'a', item_codes: ['b'] },
      'item_code',
      'give exactly one of item_code and item_codes',
    ],
    [{ item_codes: ['a'], history: history(3) }, 'history', 'history goes with a single item_code'],
    [{ item_code: 'a', date: '2023-02-30' }, 'date', 'date must be a calendar date YYYY-MM-DD'],
  ])('reports the first rule across fields that %j breaks', (body, field, message) => {
    expect(predictRequestShapeProblem(body)).toEqual({ field, message });
  });

  it('accepts a body that keeps every rule', () => {
    expect(
      predictRequestShapeProblem({ item_code: 'a', date: '2024-02-29', history: history(3) }),
    ).toBeNull();
    expect(predictRequestShapeProblem({ item_codes: ['a', 'b'], date: '2023-07-01' })).toBeNull();
  });
});

describe('PredictRequestPipe', () => {
  it('checks the rules across fields after the field rules, with the same error', () => {
    const pipe = new PredictRequestPipe(testConfig());
    expect(thrown(() => pipe.transform({ item_code: 'a', item_codes: ['b'] }))).toMatchObject({
      status: 400,
      details: [{ field: 'item_code', message: 'give exactly one of item_code and item_codes' }],
    });
    // A field error wins: the rules across fields only see a body whose fields are valid.
    expect(thrown(() => pipe.transform({ item_code: 5, item_codes: ['b'] }))).toMatchObject({
      details: [
        { field: 'item_code', message: 'item_code must be a string' },
        { field: 'item_code', message: 'item_code must be shorter than or equal to 64 characters' },
      ],
    });
  });

  it('uses the serving section of the config and throws the validation_failed error', () => {
    const pipe = new PredictRequestPipe(testConfig({ serving: { maxItems: 1 } }));
    expect(pipe.transform({ item_code: 'a' })).toEqual({ item_code: 'a' });
    expect(() => pipe.transform({ item_codes: ['a', 'b'] })).toThrow(RequestValidationError);
    try {
      pipe.transform({ item_codes: ['a', 'b'] });
    } catch (err) {
      expect(err).toMatchObject({
        status: 400,
        code: 'validation_failed',
        details: [
          { field: 'item_codes', message: 'item_codes must contain no more than 1 elements' },
        ],
      });
    }
  });
});
