import { QueueEvents, QueueEventsProducer, type Queue, type QueueEventsListener } from 'bullmq';
import type { Redis } from 'ioredis';
import { CANCELLED_MESSAGE } from '../job.errors.js';
import type { JobLogger } from '../job-logger.js';
import type { JobEvent, JobEventListener } from '../job-queue.port.js';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';
import { parseProgress } from './bullmq-job-view.js';
import {
  closeClient,
  createWorkerClient,
  isConnectionError,
  type ConnectionWatch,
} from './redis-connections.js';
import { errorMessage } from '../../common/errors/error-message.js';

/** Custom event published when a job is cancelled before it started (it is removed from the queue). */
const CANCELLED_EVENT = 'fc-cancelled';
interface FreshcastQueueEvents extends QueueEventsListener {
  [CANCELLED_EVENT]: (args: { jobId: string }, id: string) => void;
}

/** `onEvent` on BullMQ: one QueueEvents (own blocking connection) per queue, started on first use. */
export class BullmqJobEvents {
  private readonly listeners = new Set<JobEventListener>();
  private readonly events: QueueEvents[] = [];
  private readonly clients: Redis[] = [];
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly producer: Redis,
    private readonly url: string,
    private readonly settings: JobRuntimeSettings,
    private readonly watch: ConnectionWatch,
    private readonly logger: JobLogger,
  ) {}

  async subscribe(listener: JobEventListener): Promise<() => void> {
    if (this.closed) throw new Error('the job queue is closed');
    this.listeners.add(listener);
    this.starting ??= this.start();
    try {
      await this.starting;
    } catch (err) {
      this.starting = undefined;
      this.listeners.delete(listener);
      throw err;
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells every listener (of every process) that a job was cancelled before it started. */
  async publishCancelled(name: string, id: string): Promise<void> {
    const producer = new QueueEventsProducer(name, {
      connection: this.producer,
      prefix: this.settings.prefix,
    });
    try {
      await producer.publishEvent({ eventName: CANCELLED_EVENT, jobId: id });
    } finally {
      await producer.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    // A start still under way stops at its next step (it checks `closed`); what it created so far
    // is in `events` and `clients` and closed here.
    await Promise.allSettled(this.events.map((qe) => qe.close()));
    await Promise.allSettled(this.clients.map((c) => closeClient(c)));
  }

  private async start(): Promise<void> {
    for (const [name, queue] of this.queues) {
      if (this.closed) return;
      // Start from the stream's current end so that no event after this call is missed.
      const last = await this.producer.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
      if (this.closed) return;
      const client = createWorkerClient(this.url, this.settings, `freshcast:events:${name}`);
      this.watch.watch(`events ${name}`, client);
      this.clients.push(client);
      const qe = new QueueEvents(name, {
        connection: client,
        prefix: this.settings.prefix,
        lastEventId: last[0]?.[0] ?? '0-0',
      });
      qe.on('error', (err) => {
        if (!isConnectionError(err)) this.logger.warn(`events ${name}: ${err.message}`);
      });
      this.wire(name, qe);
      this.events.push(qe);
      await qe.waitUntilReady();
    }
  }

  private wire(name: string, qe: QueueEvents): void {
    const emit = (event: JobEvent): void => {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (err) {
          this.logger.warn(`job event listener failed: ${errorMessage(err)}`);
        }
      }
    };
    qe.on('waiting', ({ jobId }) => emit({ type: 'waiting', id: jobId, name }));
    qe.on('active', ({ jobId }) => emit({ type: 'active', id: jobId, name }));
    qe.on('delayed', ({ jobId }) => emit({ type: 'delayed', id: jobId, name }));
    qe.on('stalled', ({ jobId }) => emit({ type: 'stalled', id: jobId, name }));
    qe.on('completed', ({ jobId }) => emit({ type: 'completed', id: jobId, name }));
    qe.on('progress', ({ jobId, data }) => {
      const p = parseProgress(data);
      emit({
        type: 'progress',
        id: jobId,
        name,
        progress: p?.percent ?? 0,
        stage: p?.stage ?? null,
      });
    });
    qe.on('failed', ({ jobId, failedReason }) =>
      emit(
        failedReason === CANCELLED_MESSAGE
          ? { type: 'cancelled', id: jobId, name }
          : { type: 'failed', id: jobId, name, error: failedReason },
      ),
    );
    qe.on<FreshcastQueueEvents, typeof CANCELLED_EVENT>(CANCELLED_EVENT, ({ jobId }) =>
      emit({ type: 'cancelled', id: jobId, name }),
    );
  }
}
