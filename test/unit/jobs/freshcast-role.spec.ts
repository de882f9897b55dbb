import { processesJobs, resolveRole, RoleError } from '../../../src/jobs/freshcast-role.js';

describe('FRESHCAST_ROLE', () => {
  it('defaults to all and reads api / worker', () => {
    expect(resolveRole({})).toBe('all');
    expect(resolveRole({ FRESHCAST_ROLE: '' })).toBe('all');
    expect(resolveRole({ FRESHCAST_ROLE: 'API' })).toBe('api');
    expect(resolveRole({ FRESHCAST_ROLE: ' worker ' })).toBe('worker');
    expect(() => resolveRole({ FRESHCAST_ROLE: 'scheduler' })).toThrow(
      'FRESHCAST_ROLE must be one of all, api, worker (got "scheduler")',
    );
  });

  it('runs jobs in all and worker roles; api only submits', () => {
    expect(processesJobs('all', 'bullmq')).toBe(true);
    expect(processesJobs('worker', 'bullmq')).toBe(true);
    expect(processesJobs('api', 'bullmq')).toBe(false);
  });

  it('without Redis runs jobs in the API process and refuses a worker', () => {
    expect(processesJobs('all', 'in-process')).toBe(true);
    expect(processesJobs('api', 'in-process')).toBe(true);
    expect(() => processesJobs('worker', 'in-process')).toThrow(RoleError);
  });
});
