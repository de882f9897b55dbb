import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { JobCatalog } from '../job-catalog.types.js';
import type { JobView } from '../job-queue.port.js';
import type { JobRetention } from '../job-catalog.types.js';

/** Marker asking the worker running a job to stop it (polled by workers). */
export function cancelMarkerKey(prefix: string, queue: string, id: string): string {
  return `${prefix}:${queue}:fc:cancel:${id}`;
}

/** Hash id → JobView of jobs cancelled before they started (BullMQ removes those from the queue). */
export function tombstonesKey(prefix: string, queue: string): string {
  return `${prefix}:${queue}:fc:cancelled`;
}

const CANCEL_MARKER_TTL_SEC = 7 * 86_400;

export async function requestCancel(
  client: Redis,
  prefix: string,
  queue: string,
  id: string,
): Promise<void> {
  await client.set(cancelMarkerKey(prefix, queue, id), '1', 'EX', CANCEL_MARKER_TTL_SEC);
}

const tombstoneSchema = z.object({ id: z.string(), finishedAt: z.string() }).loose();

/** Cancelled-before-start jobs of one queue, kept like failed jobs (by age and count). */
export class Tombstones {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  async save<C extends JobCatalog>(
    queue: string,
    view: JobView<C>,
    keep: JobRetention,
  ): Promise<void> {
    const key = tombstonesKey(this.prefix, queue);
    await this.client.hset(key, view.id, JSON.stringify(view));
    const all = await this.client.hgetall(key);
    const cutoff = Date.now() - keep.ageSec * 1000;
    const entries = Object.entries(all)
      .map(([id, json]) => ({ id, at: finishedAtOf(json) }))
      .sort((a, b) => b.at - a.at);
    const drop = entries.filter((e, i) => i >= keep.count || e.at < cutoff).map((e) => e.id);
    if (drop.length > 0) await this.client.hdel(key, ...drop);
  }

  async get<C extends JobCatalog>(queue: string, id: string): Promise<JobView<C> | null> {
    const json = await this.client.hget(tombstonesKey(this.prefix, queue), id);
    return json === null ? null : parseView<C>(json);
  }

  async list<C extends JobCatalog>(queue: string): Promise<JobView<C>[]> {
    const all = await this.client.hgetall(tombstonesKey(this.prefix, queue));
    return Object.values(all)
      .map((json) => parseView<C>(json))
      .filter((v): v is JobView<C> => v !== null);
  }

  async delete(queue: string, id: string): Promise<void> {
    await this.client.hdel(tombstonesKey(this.prefix, queue), id);
  }
}

function finishedAtOf(json: string): number {
  const parsed = tombstoneSchema.safeParse(JSON.parse(json));
  return parsed.success ? Date.parse(parsed.data.finishedAt) : 0;
}

function parseView<C extends JobCatalog>(json: string): JobView<C> | null {
  const raw: unknown = JSON.parse(json);
  // Written by `save` from a JobView of this catalog.
  return tombstoneSchema.safeParse(raw).success ? (raw as JobView<C>) : null;
}
