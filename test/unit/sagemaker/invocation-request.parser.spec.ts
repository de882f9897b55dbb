import { loadConfig } from '../../../src/config/config.loader.js';
import {
  parseInvocationRequest,
  startDay,
} from '../../../src/sagemaker/invocation-request.parser.js';
import { InvalidInvocationError } from '../../../src/sagemaker/sagemaker.errors.js';

/** serving.maxHistoryValue's default. */
const MAX_VALUE = 1e7;

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidInvocationError) {
      const details = err.details as { field: string }[];
      return details.map((d) => d.field);
    }
    throw err;
  }
  throw new Error('expected an InvalidInvocationError');
}

describe('startDay', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-03-01 00:00:00', '2024-03-01'],
    ['2024-03-01T12:30:00Z', '2024-03-01'],
    ['2024-03-01T12:30:00+08:00', '2024-03-01'],
  ])('reads %s as %s', (input, day) => {
    expect(startDay(input)).toBe(day);
  });

  it.each(['2024-02-30', '03/01/2024', 'soon', '2024-03-01 noon'])('rejects %s', (input) => {
    expect(startDay(input)).toBeUndefined();
  });
});

describe('parseInvocationRequest', () => {
  it('reads instances, missing values and defaults', () => {
    const req = parseInvocationRequest(
      { instances: [{ start: '2024-01-30 00:00:00', target: [1, null, 'NaN', 4] }] },
      7,
      MAX_VALUE,
    );
    expect(req.predictionLength).toBe(7);
    expect(req.quantiles).toEqual(['0.1', '0.5', '0.9']);
    expect(req.outputTypes).toEqual(['mean', 'quantiles']);
    expect(req.instances).toHaveLength(1);
    expect(req.instances[0].start).toBe('2024-01-30');
    expect(req.instances[0].end).toBe('2024-02-02');
    expect(req.instances[0].target).toEqual([1, NaN, NaN, 4]);
  });

  it('normalises numeric quantiles and drops duplicates', () => {
    const req = parseInvocationRequest(
      {
        instances: [{ start: '2024-01-01', target: [1] }],
        configuration: { quantiles: [0.9, '0.10', '0.9'], prediction_length: 3 },
      },
      7,
      MAX_VALUE,
    );
    expect(req.quantiles).toEqual(['0.9', '0.1']);
    expect(req.predictionLength).toBe(3);
  });

  it('names every bad field', () => {
    expect(
      fieldsOf(() =>
        parseInvocationRequest(
          {
            instances: [{ start: '2024-01-01', target: [1] }],
            configuration: { quantiles: ['0.2'], prediction_length: 0, output_types: ['samples'] },
          },
          7,
          MAX_VALUE,
        ),
      ),
    ).toEqual([
      'configuration.quantiles.0',
      'configuration.output_types',
      'configuration.prediction_length',
    ]);
    expect(
      fieldsOf(() => parseInvocationRequest({ instances: [{ start: 'x' }] }, 7, MAX_VALUE)),
    ).toEqual(['instances.0.start', 'instances.0.target']);
    expect(fieldsOf(() => parseInvocationRequest(null, 7, MAX_VALUE))).toEqual(['']);
  });

  it('refuses values past the largest a history may hold, either side of 0', () => {
    const target = [1, MAX_VALUE, -MAX_VALUE, 1e308, -1e39, 2e7];
    expect(
      fieldsOf(() =>
        parseInvocationRequest({ instances: [{ start: '2024-01-01', target }] }, 7, MAX_VALUE),
      ),
    ).toEqual(['instances.0.target.3', 'instances.0.target.4', 'instances.0.target.5']);
    const ok = parseInvocationRequest(
      { instances: [{ start: '2024-01-01', target: target.slice(0, 3) }] },
      7,
      MAX_VALUE,
    );
    expect(ok.instances[0].target).toEqual([1, MAX_VALUE, -MAX_VALUE]);
  });
});

describe('sagemaker and rateLimit config', () => {
  it('defaults without any YAML section', () => {
    const config = loadConfig({ env: {} });
    expect(config.sagemaker).toEqual({ enabled: false, modelDir: '/opt/ml/model', port: 8080 });
    expect(config.rateLimit).toEqual({
      enabled: true,
      ttlSec: 60,
      limit: 600,
      jobSubmissions: 30,
      maxClients: 50_000,
    });
  });

  it('turns SageMaker mode on with FRESHCAST_SAGEMAKER=1', () => {
    expect(loadConfig({ env: { FRESHCAST_SAGEMAKER: '1' } }).sagemaker.enabled).toBe(true);
  });
});
