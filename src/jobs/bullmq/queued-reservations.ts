import type { Redis } from 'ioredis';

/** A reservation whose job is not in Redis yet is kept this long (the add that follows it). */
const PENDING_GRACE_MS = 60_000;
/** A client's set expires this long after its last submission (no job stays queued that long). */
const SET_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * One atomic step: drop the ids whose job finished (has finishedOn) or is gone (removed, cancelled)
 * — a reservation not confirmed yet (negative score: its add is under way) only once it is older
 * than the grace — then, below the cap, reserve the new id as pending.
 * KEYS[1]: the client's sorted set (id → ±time). ARGV: cap, id, job key prefix, now ms, grace ms,
 * ttl ms. Returns 1 when reserved (or already there), 0 when at the cap.
 */
const RESERVE = `
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 1 end
local now = tonumber(ARGV[4])
local grace = tonumber(ARGV[5])
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #entries, 2 do
  local id = entries[i]
  local at = tonumber(entries[i + 1])
  local job = ARGV[3] .. id
  local stale = at > 0 or now + at > grace
  if (stale and redis.call('EXISTS', job) == 0) or redis.call('HEXISTS', job, 'finishedOn') == 1 then
    redis.call('ZREM', KEYS[1], id)
  end
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], -now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`;

/**
 * The jobs each client has queued, per job name, as a Redis sorted set of job ids the submission
 * path maintains: a Lua script checks the cap and reserves the id in one step (no listing, no race
 * between API replicas), and drops ids whose jobs finished or were removed as it goes, so nothing
 * needs to run when a job ends. A reservation is pending until its add is confirmed.
 */
export class QueuedReservations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(name: string, client: string): string {
    return `${this.prefix}:fc:queued:${name}:${client}`;
  }

  /** Reserves a place for job `id`; false when the client already has `max` queued. */
  async reserve(name: string, client: string, id: string, max: number): Promise<boolean> {
    const jobKeyPrefix = `${this.prefix}:${name}:`;
    const reply = await this.redis.eval(
      RESERVE,
      1,
      this.key(name, client),
      String(max),
      id,
      jobKeyPrefix,
      String(Date.now()),
      String(PENDING_GRACE_MS),
      String(SET_TTL_MS),
    );
    return reply === 1;
  }

  /** The job was added: from now on its place is freed as soon as the job is gone. */
  async confirm(name: string, client: string, id: string): Promise<void> {
    await this.redis.zadd(this.key(name, client), 'XX', Date.now(), id);
  }

  /** Gives the place back (the add failed). */
  async release(name: string, client: string, id: string): Promise<void> {
    await this.redis.zrem(this.key(name, client), id);
  }
}
