import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  NoticeListeners,
  promotionNoticeSchema,
  type PromotionListener,
  type PromotionNotice,
  type PromotionNotifier,
} from './promotion-notifier.js';

export const promotionChannel = (namespace: string): string => `freshcast:registry:${namespace}`;

/**
 * Promotion notices over Redis pub/sub on `freshcast:registry:<namespace>`. Publishes with the given
 * client; receives on a duplicate connection of it (subscriber mode needs its own), which it owns
 * and closes. Messages that do not parse as a notice are logged and dropped.
 */
export class RedisPromotionNotifier implements PromotionNotifier {
  readonly mode = 'redis' as const;
  readonly channel: string;
  private readonly logger = new Logger(RedisPromotionNotifier.name);
  private readonly listeners = new NoticeListeners();
  private subscriber: Redis | undefined;

  constructor(
    private readonly publisher: Redis,
    namespace: string,
  ) {
    this.channel = promotionChannel(namespace);
  }

  /**
   * Subscribes on a duplicate connection. ioredis' own re-subscription after a reconnect is off: it
   * leaves its SUBSCRIBE promise uncaught, so a connection closed while that command was pending
   * (Redis going away again, or close() right after a reconnect) became an unhandled rejection.
   * The notifier re-subscribes on every `ready` instead, and a failure there waits for the next one.
   * The publisher's error listener reports outages; the subscriber's only keeps ioredis quiet.
   */
  async start(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.publisher.duplicate({ autoResubscribe: false });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    subscriber.on('error', () => undefined);
    let subscribed = false;
    subscriber.on('ready', () => {
      if (subscribed) subscriber.subscribe(this.channel).catch(() => undefined);
    });
    await subscriber.subscribe(this.channel);
    subscribed = true;
  }

  async publish(notice: PromotionNotice): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(notice));
  }

  subscribe(listener: PromotionListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit();
  }

  private receive(message: string): void {
    let notice: PromotionNotice;
    try {
      notice = promotionNoticeSchema.parse(JSON.parse(message));
    } catch {
      this.logger.warn(`ignored a malformed message on ${this.channel}`);
      return;
    }
    this.listeners.emit(notice, (err) =>
      this.logger.error(`a promotion listener failed: ${String(err)}`),
    );
  }
}
