/** What a process does: `all` (default) serves the API and runs jobs; `api` only submits; `worker` only runs jobs. */
export const FRESHCAST_ROLES = ['all', 'api', 'worker'] as const;
export type FreshcastRole = (typeof FRESHCAST_ROLES)[number];

export class RoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleError';
  }
}

/** FRESHCAST_ROLE, default `all`. */
export function resolveRole(env: NodeJS.ProcessEnv = process.env): FreshcastRole {
  const raw = (env.FRESHCAST_ROLE ?? '').trim().toLowerCase();
  if (raw === '') return 'all';
  const role = FRESHCAST_ROLES.find((r) => r === raw);
  if (role === undefined) {
    throw new RoleError(
      `FRESHCAST_ROLE must be one of ${FRESHCAST_ROLES.join(', ')} (got "${raw}")`,
    );
  }
  return role;
}

/**
 * Whether this process runs jobs. In-process mode (no REDIS_URL) has no other process to run them,
 * so even `api` runs them; a `worker` without Redis has no queue to take jobs from and is refused.
 */
export function processesJobs(role: FreshcastRole, mode: 'bullmq' | 'in-process'): boolean {
  if (mode === 'in-process') {
    if (role === 'worker') {
      throw new RoleError(
        'FRESHCAST_ROLE=worker needs REDIS_URL: without Redis, jobs run inside the API process',
      );
    }
    return true;
  }
  return role !== 'api';
}
