import type { JobCatalog } from '../../../src/jobs/job-catalog.types.js';
import { ProcessorRegistrationError } from '../../../src/jobs/job.errors.js';
import { ProcessorRegistry } from '../../../src/jobs/processor-registry.js';
import { TEST_JOB_CATALOG } from '../../fixtures/jobs/test-jobs.catalog.js';

const echo = () => Promise.resolve({ echoed: 'x', attempt: 1 });

describe('ProcessorRegistry', () => {
  it('holds one processor per job name', () => {
    const registry = new ProcessorRegistry(TEST_JOB_CATALOG);
    registry.register('echo', echo);
    expect(registry.get('echo')).toBe(echo);
    expect(registry.get('flaky')).toBeUndefined();
  });

  it('refuses a second processor and processors for unknown names', () => {
    const registry = new ProcessorRegistry(TEST_JOB_CATALOG);
    registry.register('echo', echo);
    expect(() => registry.register('echo', echo)).toThrow(ProcessorRegistrationError);
    expect(() => registry.register('echo', echo)).toThrow('job "echo" has two processors');
    const untyped = new ProcessorRegistry<JobCatalog>(TEST_JOB_CATALOG);
    expect(() => untyped.register('nope', echo)).toThrow('no job is named "nope"');
  });

  it('refuses to start while a job has no processor, naming them', () => {
    const registry = new ProcessorRegistry(TEST_JOB_CATALOG);
    registry.register('echo', echo);
    expect(() => registry.assertComplete(['echo'])).not.toThrow();
    expect(() => registry.assertComplete(['echo', 'flaky', 'big-result'])).toThrow(
      'no processor registered for jobs flaky, big-result',
    );
  });
});
