import { createHmac, randomUUID } from 'node:crypto';

/**
 * Job ids name their job: `<name>.<uuid>`, `<name>.k-<hmac>` for an idempotency key, and BullMQ's
 * `repeat:<name>.<schedule>:<millis>` for scheduled runs; so `get(id)` finds the queue from the id.
 * None can be guessed: uuids are random and keyed ids are an HMAC under a secret of the queue.
 */
export function newJobId(name: string): string {
  return `${name}.${randomUUID()}`;
}

/**
 * The same (name, scope, key) under the same secret always gives the same id; another client's scope
 * gives another id, and without the secret nobody can work an id out from a key. The key itself is
 * not stored.
 */
export function idempotentJobId(
  name: string,
  idempotencyKey: string,
  scope: string,
  secret: Uint8Array | string,
): string {
  const mac = createHmac('sha256', secret)
    .update(`${name}\n${scope}\n${idempotencyKey}`)
    .digest('hex');
  return `${name}.k-${mac.slice(0, 40)}`;
}

/** Scheduler id of a cron schedule (the jobs it creates carry it in their ids). */
export function schedulerId(name: string, scheduleId: string): string {
  return `${name}.${scheduleId}`;
}

/** The job name an id belongs to, or null when it is not one of `names`. */
export function jobNameOfId<N extends string>(id: string, names: readonly N[]): N | null {
  const bare = id.startsWith('repeat:') ? id.slice('repeat:'.length) : id;
  const dot = bare.indexOf('.');
  if (dot <= 0) return null;
  const candidate = bare.slice(0, dot);
  return names.find((n) => n === candidate) ?? null;
}
