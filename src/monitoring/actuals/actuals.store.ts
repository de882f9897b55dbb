import type { Target } from '../../data/series-panel.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';

export const ACTUALS_PREFIX = 'monitoring/actuals';

/** One observed value of a series on a day. */
export interface ActualRow {
  seriesId: string;
  date: string;
  y: number;
}

export interface ActualsWriteResult {
  /** Rows in the batch (after collapsing repeats of the same item-day). */
  rows: number;
  /** Item-days new or with a new value. */
  changed: number;
  /** Item-days already stored with the same value (a batch posted twice changes nothing). */
  unchanged: number;
  /** Days touched, ascending. */
  days: string[];
}

type DayValues = Record<string, number>;

/**
 * A day's values keyed by item code, without a prototype: an item posted as `__proto__` is an own
 * key like any other (on `{}`, assigning it would set the prototype and the value would be lost).
 */
function emptyDay(): DayValues {
  return Object.create(null) as DayValues;
}

export function actualsKey(target: Target, date: string): string {
  return `${ACTUALS_PREFIX}/target=${target}/ds=${date}.json`;
}

async function readDay(store: ArtifactStore, key: string): Promise<DayValues> {
  if (!(await store.exists(key))) return emptyDay();
  const parsed: unknown = JSON.parse(new TextDecoder().decode(await store.get(key)));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return emptyDay();
  const out = emptyDay();
  for (const [id, v] of Object.entries(parsed)) if (typeof v === 'number') out[id] = v;
  return out;
}

/**
 * Posted actuals: one JSON object `{item: value}` per target and day under
 * `monitoring/actuals/target=<t>/ds=<YYYY-MM-DD>.json`. Writes are upserts per item-day (the last
 * value posted for an item-day wins; the same value again changes nothing), serialised within the
 * process so concurrent batches do not lose each other's days.
 */
export class ActualsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: ArtifactStore) {}

  write(target: Target, rows: readonly ActualRow[]): Promise<ActualsWriteResult> {
    const run = this.queue.then(() => this.writeNow(target, rows));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeNow(target: Target, rows: readonly ActualRow[]): Promise<ActualsWriteResult> {
    const byDay = new Map<string, Map<string, number>>();
    for (const r of rows) {
      let day = byDay.get(r.date);
      if (!day) byDay.set(r.date, (day = new Map<string, number>()));
      day.set(r.seriesId, r.y);
    }
    let changed = 0;
    let unchanged = 0;
    let total = 0;
    const days = [...byDay.keys()].sort();
    for (const date of days) {
      const key = actualsKey(target, date);
      const stored = await readDay(this.store, key);
      let dirty = false;
      for (const [id, y] of byDay.get(date) ?? []) {
        total++;
        if (Object.is(stored[id], y)) unchanged++;
        else {
          stored[id] = y;
          changed++;
          dirty = true;
        }
      }
      if (dirty) await this.store.put(key, new TextEncoder().encode(JSON.stringify(stored)));
    }
    return { rows: total, changed, unchanged, days };
  }

  /** Posted actuals of the target for days in [from, to] (inclusive): date → item → value. */
  async read(target: Target, from: string, to: string): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    for (const key of await this.store.list(`${ACTUALS_PREFIX}/target=${target}/`)) {
      const m = /\/ds=(\d{4}-\d{2}-\d{2})\.json$/.exec(key);
      if (!m || m[1] < from || m[1] > to) continue;
      const values: [string, number][] = Object.entries(await readDay(this.store, key));
      out.set(m[1], new Map(values));
    }
    return out;
  }

  /** The latest day with posted actuals for the target, or null. */
  async lastDay(target: Target): Promise<string | null> {
    const keys = await this.store.list(`${ACTUALS_PREFIX}/target=${target}/`);
    let last: string | null = null;
    for (const key of keys) {
      const m = /\/ds=(\d{4}-\d{2}-\d{2})\.json$/.exec(key);
      if (m && (last === null || m[1] > last)) last = m[1];
    }
    return last;
  }
}
