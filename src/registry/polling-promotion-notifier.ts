import { Logger } from '@nestjs/common';
import { TARGETS, type Target } from '../data/series-panel.js';
import {
  NoticeListeners,
  type PromotionListener,
  type PromotionNotice,
  type PromotionNotifier,
} from './promotion-notifier.js';
import type { TargetState } from './registry-state.js';

export interface PollingPromotionNotifierOptions {
  intervalMs: number;
  targets?: readonly Target[];
}

/** What changed between two states of a target, as notices ('observed': the poller saw it happen). */
export function diffStates(before: TargetState, after: TargetState, at: Date): PromotionNotice[] {
  const base = {
    target: after.target,
    action: 'observed' as const,
    stateVersion: after.version,
    at: at.toISOString(),
  };
  const notices: PromotionNotice[] = [];
  if (before.prod !== after.prod)
    notices.push({ ...base, id: after.prod, stage: 'prod', alias: null });
  const aliases = new Set([...Object.keys(before.aliases), ...Object.keys(after.aliases)]);
  for (const alias of [...aliases].sort()) {
    if (before.aliases[alias] !== after.aliases[alias])
      notices.push({ ...base, id: after.aliases[alias] ?? null, stage: null, alias });
  }
  for (const id of after.staging)
    if (!before.staging.includes(id)) notices.push({ ...base, id, stage: 'staging', alias: null });
  if (notices.length === 0) notices.push({ ...base, id: null, stage: null, alias: null });
  return notices;
}

/**
 * Promotion notices without Redis: every `intervalMs` read each target's state.json (one small GET
 * per target) and compare its version counter with the last one seen. Changes published by this
 * process reach local listeners at once and are not told twice.
 */
export class PollingPromotionNotifier implements PromotionNotifier {
  readonly mode = 'poll' as const;
  private readonly logger = new Logger(PollingPromotionNotifier.name);
  private readonly listeners = new NoticeListeners();
  private readonly targets: readonly Target[];
  private readonly seen = new Map<Target, TargetState>();
  private readonly published = new Map<Target, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<PromotionNotice[]> | undefined;

  constructor(
    private readonly readState: (target: Target) => Promise<TargetState>,
    private readonly options: PollingPromotionNotifierOptions,
  ) {
    this.targets = options.targets ?? TARGETS;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    await this.pollOnce();
    this.timer = setInterval(() => {
      void this.pollOnce();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  publish(notice: PromotionNotice): Promise<void> {
    const known = this.published.get(notice.target) ?? 0;
    this.published.set(notice.target, Math.max(known, notice.stateVersion));
    this.emit(notice);
    return Promise.resolve();
  }

  subscribe(listener: PromotionListener): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.polling?.then(() => undefined) ?? Promise.resolve();
  }

  /**
   * One poll of every target; returns (and tells listeners) the notices for changes seen since the
   * last poll. The first poll of a target only records its state.
   */
  pollOnce(): Promise<PromotionNotice[]> {
    this.polling ??= this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async poll(): Promise<PromotionNotice[]> {
    const found: PromotionNotice[] = [];
    for (const target of this.targets) {
      let state: TargetState;
      try {
        state = await this.readState(target);
      } catch (err) {
        this.logger.warn(`could not read the registry state of ${target}: ${String(err)}`);
        continue;
      }
      const before = this.seen.get(target);
      this.seen.set(target, state);
      if (before === undefined || state.version <= before.version) continue;
      if (state.version <= (this.published.get(target) ?? 0)) continue;
      for (const notice of diffStates(before, state, new Date())) {
        found.push(notice);
        this.emit(notice);
      }
    }
    return found;
  }

  private emit(notice: PromotionNotice): void {
    this.listeners.emit(notice, (err) =>
      this.logger.error(`a promotion listener failed: ${String(err)}`),
    );
  }
}
