import { JOB_CATALOG } from '../../../src/jobs/job-catalog.js';
import { JOB_NAMES, JobName } from '../../../src/common/job-names.js';
import { JOB_OPTIONS } from '../../../src/jobs/job-options.table.js';
import { parseJobPayload } from '../../../src/jobs/job-submission.js';
import { InvalidJobPayloadError } from '../../../src/jobs/job.errors.js';

describe('freshcast job payloads and options', () => {
  it('has a payload schema, result schema and options row for every job name', () => {
    expect(Object.keys(JOB_CATALOG).sort()).toEqual([...JOB_NAMES].sort());
    expect(Object.values(JobName).sort()).toEqual([...JOB_NAMES].sort());
    for (const name of JOB_NAMES) {
      const o = JOB_OPTIONS[name];
      expect(o.attempts).toBeGreaterThanOrEqual(1);
      expect(o.timeoutMs).toBeGreaterThan(0);
      expect(o.concurrency).toBeGreaterThanOrEqual(1);
      expect(o.keepFailed.count).toBeGreaterThan(0);
    }
  });

  it('applies defaults', () => {
    expect(parseJobPayload(JOB_CATALOG, 'batch-predict', {})).toEqual({
      target: 'quantity',
      model: 'prod',
      format: 'json',
    });
    expect(parseJobPayload(JOB_CATALOG, 'train', { kinds: ['mlp'] })).toEqual({
      kinds: ['mlp'],
      target: 'quantity',
      params: {},
      promote: true,
    });
    expect(parseJobPayload(JOB_CATALOG, 'refresh-forecasts', { target: 'price' })).toEqual({
      target: 'price',
      model: 'prod',
    });
  });

  it('rejects bad input with the fields at fault', () => {
    const fields = (name: JobName, payload: unknown): string[] => {
      try {
        parseJobPayload(JOB_CATALOG, name, payload);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidJobPayloadError);
        return err instanceof InvalidJobPayloadError ? err.issues.map((i) => i.field) : [];
      }
    };
    expect(fields('train', { kinds: ['mlp'], horizon: 90 })).toEqual(['horizon']);
    expect(fields('train', { kinds: ['mlp'], unexpected: 1 })).toEqual(['']);
    expect(fields('batch-predict', { cutoff: '2024-13' })).toEqual(['cutoff']);
    expect(fields('batch-predict', { target: 'volume' })).toEqual(['target']);
    expect(fields('backtest', {})).toEqual(['model']);
    expect(fields('backtest', { model: 'prod', kind: 'mlp' })).toEqual(['model']);
    expect(fields('backtest', { kind: 'ets', windows: 4 })).toEqual([]);
  });
});
