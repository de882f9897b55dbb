import {
  inlineOrPointer,
  isResultPointer,
  jobResultKey,
  loadJobResult,
} from '../../../src/jobs/job-result.pointer.js';
import { MemoryBlobStore } from '../../helpers/memory-blob-store.js';

describe('result pointers', () => {
  it('recognises exactly { pointer: string }', () => {
    expect(isResultPointer({ pointer: 'jobs/a/result.json' })).toBe(true);
    expect(isResultPointer({ pointer: 'x', other: 1 })).toBe(false);
    expect(isResultPointer({ pointer: 3 })).toBe(false);
    expect(isResultPointer(['pointer'])).toBe(false);
    expect(isResultPointer(null)).toBe(false);
  });

  it('keys results by job name and id, without characters stores dislike', () => {
    expect(jobResultKey('train', 'train.k-ab')).toBe('jobs/train/train.k-ab/result.json');
    expect(jobResultKey('train', 'repeat:train.n:17')).toBe(
      'jobs/train/repeat_train.n_17/result.json',
    );
  });

  it('keeps small results inline and stores large ones behind a pointer', async () => {
    const store = new MemoryBlobStore();
    expect(await inlineOrPointer(store, 'b', 'b.1', { n: 1 }, 100)).toEqual({ n: 1 });
    expect(store.blobs.size).toBe(0);
    const big = { values: Array.from({ length: 100 }, (_, i) => i) };
    const out = await inlineOrPointer(store, 'b', 'b.2', big, 100);
    expect(out).toEqual({ pointer: 'jobs/b/b.2/result.json' });
    expect(isResultPointer(out) ? await loadJobResult(store, out) : null).toEqual(big);
  });
});
