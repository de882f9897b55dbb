import { createHash } from 'node:crypto';
import { idempotentJobId, jobNameOfId, newJobId, schedulerId } from '../../../src/jobs/job-id.js';

const names = ['train', 'batch-predict'] as const;
const SECRET = 'queue-secret-0123456789';

describe('job ids', () => {
  it('derives the same id from the same name, scope and key, a different one otherwise', () => {
    const id = idempotentJobId('train', 'k1', 'key:a', SECRET);
    expect(idempotentJobId('train', 'k1', 'key:a', SECRET)).toBe(id);
    expect(idempotentJobId('train', 'k2', 'key:a', SECRET)).not.toBe(id);
    expect(idempotentJobId('batch-predict', 'k1', 'key:a', SECRET)).not.toBe(id);
    // Another client's key of the same text is another job.
    expect(idempotentJobId('train', 'k1', 'key:b', SECRET)).not.toBe(id);
    expect(id).toMatch(/^train\.k-[0-9a-f]{40}$/);
    expect(id).not.toContain('k1');
  });

  it('cannot be worked out from the key without the secret', () => {
    const id = idempotentJobId('train', 'k1', 'key:a', SECRET);
    expect(idempotentJobId('train', 'k1', 'key:a', 'another-secret')).not.toBe(id);
    // What ids used to be: sha256 of the name and key, which anyone could compute.
    const guessed = createHash('sha256').update('train\nk1').digest('hex').slice(0, 40);
    expect(id).not.toBe(`train.k-${guessed}`);
  });

  it('gives fresh ids a unique suffix', () => {
    expect(newJobId('train')).not.toBe(newJobId('train'));
    expect(newJobId('train')).toMatch(/^train\.[0-9a-f-]{36}$/);
  });

  it('reads the job name back from fresh, keyed and scheduled ids', () => {
    expect(jobNameOfId(newJobId('batch-predict'), names)).toBe('batch-predict');
    expect(jobNameOfId(idempotentJobId('train', 'x', '', SECRET), names)).toBe('train');
    expect(jobNameOfId(`repeat:${schedulerId('train', 'nightly')}:1700000000000`, names)).toBe(
      'train',
    );
    expect(jobNameOfId('drift-check.abc', names)).toBeNull();
    expect(jobNameOfId('train', names)).toBeNull();
    expect(jobNameOfId('.train', names)).toBeNull();
  });
});
