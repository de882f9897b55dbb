import { idempotentJobId, jobNameOfId, newJobId, schedulerId } from '../../../src/jobs/job-id.js';

const names = ['train', 'batch-predict'] as const;

describe('job ids', () => {
  it('derives the same id from the same name and key, a different one otherwise', () => {
    const id = idempotentJobId('train', 'k1');
    expect(idempotentJobId('train', 'k1')).toBe(id);
    expect(idempotentJobId('train', 'k2')).not.toBe(id);
    expect(idempotentJobId('batch-predict', 'k1')).not.toBe(id);
    expect(id).toMatch(/^train\.k-[0-9a-f]{40}$/);
    expect(id).not.toContain('k1');
  });

  it('gives fresh ids a unique suffix', () => {
    expect(newJobId('train')).not.toBe(newJobId('train'));
    expect(newJobId('train')).toMatch(/^train\.[0-9a-f-]{36}$/);
  });

  it('reads the job name back from fresh, keyed and scheduled ids', () => {
    expect(jobNameOfId(newJobId('batch-predict'), names)).toBe('batch-predict');
    expect(jobNameOfId(idempotentJobId('train', 'x'), names)).toBe('train');
    expect(jobNameOfId(`repeat:${schedulerId('train', 'nightly')}:1700000000000`, names)).toBe(
      'train',
    );
    expect(jobNameOfId('drift-check.abc', names)).toBeNull();
    expect(jobNameOfId('train', names)).toBeNull();
    expect(jobNameOfId('.train', names)).toBeNull();
  });
});
