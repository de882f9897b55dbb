import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import type { MonitoringConfig } from '../../config/monitoring.config.js';
import type { AlertEvent, AlertRecord } from './alert.types.js';
import { SnsAlertPublisher } from './sns-delivery.js';
import { deliverWebhook } from './webhook-delivery.js';

export const ALERTS_PREFIX = 'monitoring/alerts/';
/** Alerts read back from the store to know the cooldowns after a restart. */
const HISTORY_SCAN = 500;

export interface DispatchOutcome {
  fired: AlertRecord[];
  /** Events dropped because the same rule and subject fired within the cooldown. */
  suppressed: number;
}

/**
 * Fires alerts: deduplicates by rule and subject within `alerts.cooldownSec`, keeps each fired
 * alert in the artifact store (the history), and delivers it to every webhook in the background
 * (retried, never blocking the caller); the stored record is updated with the delivery outcome.
 */
export class AlertDispatcher {
  private readonly logger = new Logger(AlertDispatcher.name);
  private lastFired: Map<string, number> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sns: SnsAlertPublisher | null;

  constructor(
    private readonly store: ArtifactStore,
    private readonly config: MonitoringConfig['alerts'],
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.sns = config.sns ? new SnsAlertPublisher(config.sns, config) : null;
  }

  /** Fires what is not in its cooldown (serialised, so two callers cannot fire the same alert twice). */
  dispatch(events: readonly AlertEvent[]): Promise<DispatchOutcome> {
    const run = this.queue.then(() => this.dispatchNow(events));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatchNow(events: readonly AlertEvent[]): Promise<DispatchOutcome> {
    const last = await this.cooldowns();
    const now = this.clock();
    const fired: AlertRecord[] = [];
    let suppressed = 0;
    for (const e of events) {
      const key = `${e.rule}|${e.subject}`;
      const at = last.get(key);
      if (at !== undefined && now.getTime() - at < this.config.cooldownSec * 1000) {
        suppressed++;
        continue;
      }
      const record: AlertRecord = {
        id: randomUUID(),
        fired_at: now.toISOString(),
        ...e,
        deliveries: [],
      };
      last.set(key, now.getTime());
      await this.save(record);
      fired.push(record);
      this.logger.warn(`alert [${e.severity}] ${e.title}`);
      this.track(this.deliver(record));
    }
    return { fired, suppressed };
  }

  /** The history, newest first. */
  async history(limit = 100): Promise<AlertRecord[]> {
    const keys = (await this.store.list(ALERTS_PREFIX)).filter((k) => k.endsWith('.json'));
    const newest = keys.sort().reverse().slice(0, limit);
    const out: AlertRecord[] = [];
    for (const key of newest) {
      try {
        out.push(JSON.parse(new TextDecoder().decode(await this.store.get(key))) as AlertRecord);
      } catch {
        // a record being rewritten or corrupt: left out of this answer
      }
    }
    return out;
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Waits for deliveries in flight, then releases the SNS client's sockets. */
  async close(): Promise<void> {
    await this.drain();
    this.sns?.destroy();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(record: AlertRecord): Promise<void> {
    if (this.config.webhooks.length === 0 && !this.sns) return;
    const deliveries = await Promise.all([
      ...this.config.webhooks.map((hook) => deliverWebhook(record, hook, this.config)),
      ...(this.sns ? [this.sns.publish(record)] : []),
    ]);
    for (const d of deliveries)
      if (!d.ok) this.logger.warn(`alert ${record.id} not delivered to ${d.channel}: ${d.error}`);
    try {
      await this.save({ ...record, deliveries });
    } catch (err) {
      this.logger.warn(`could not record the delivery of alert ${record.id}: ${String(err)}`);
    }
  }

  private keyOf(record: AlertRecord): string {
    return `${ALERTS_PREFIX}${record.fired_at.replace(/[:.]/g, '')}-${record.id}.json`;
  }

  private save(record: AlertRecord): Promise<void> {
    return this.store.put(this.keyOf(record), new TextEncoder().encode(JSON.stringify(record)));
  }

  private async cooldowns(): Promise<Map<string, number>> {
    if (this.lastFired) return this.lastFired;
    const map = new Map<string, number>();
    for (const r of (await this.history(HISTORY_SCAN)).reverse())
      map.set(`${r.rule}|${r.subject}`, Date.parse(r.fired_at));
    this.lastFired = map;
    return map;
  }
}
