import { z } from 'zod';
import { TARGETS, type Target } from '../data/series-panel.js';
import { MODEL_STAGES, type ModelStage } from './model-manifest.schema.js';
import { REGISTRY_ACTIONS, type RegistryAction } from './registry-history.schema.js';

/**
 * A change of stage or alias, told to every replica so serving can swap models. `id` is the model
 * that now holds `stage` or `alias` (null when an alias was removed or the change has no single
 * holder); `action` is 'observed' when a poller saw the state change without knowing how.
 */
export interface PromotionNotice {
  target: Target;
  id: string | null;
  stage: ModelStage | null;
  alias: string | null;
  action: RegistryAction | 'observed';
  /** state.json version after the change. */
  stateVersion: number;
  at: string;
}

export const promotionNoticeSchema = z.object({
  target: z.enum(TARGETS),
  id: z.string().nullable(),
  stage: z.enum(MODEL_STAGES).nullable(),
  alias: z.string().nullable(),
  action: z.enum([...REGISTRY_ACTIONS, 'observed']),
  stateVersion: z.number().int().nonnegative(),
  at: z.string(),
});

export type PromotionListener = (notice: PromotionNotice) => void;

/** Carries promotion notices between processes: Redis pub/sub, or polling the state files. */
export interface PromotionNotifier {
  readonly mode: 'redis' | 'poll' | 'local';
  /** Starts receiving (subscribes / starts the poll timer). Idempotent. */
  start(): Promise<void>;
  /** Tells everyone (this process included) about a change that was just saved. */
  publish(notice: PromotionNotice): Promise<void>;
  /** Returns an unsubscribe function. A throwing listener does not stop the others. */
  subscribe(listener: PromotionListener): () => void;
  close(): Promise<void>;
}

/** Listener bookkeeping shared by the implementations. */
export class NoticeListeners {
  private readonly listeners = new Set<PromotionListener>();

  add(listener: PromotionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(notice: PromotionNotice, onError: (err: unknown) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(notice);
      } catch (err) {
        onError(err);
      }
    }
  }
}

/** Single process, no other replicas: notices go straight to local listeners. */
export class LocalPromotionNotifier implements PromotionNotifier {
  readonly mode = 'local' as const;
  private readonly listeners = new NoticeListeners();

  start(): Promise<void> {
    return Promise.resolve();
  }

  publish(notice: PromotionNotice): Promise<void> {
    this.listeners.emit(notice, () => undefined);
    return Promise.resolve();
  }

  subscribe(listener: PromotionListener): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
