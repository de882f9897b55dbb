import type { FastifyReply } from 'fastify';

/** How the API drains on shutdown (`server.drainQuietMs`, `server.drainMaxMs`). */
export interface DrainSettings {
  /** The drain ends once no request has been in flight, nor arrived, for this long. */
  quietMs: number;
  /** ... or after this long in any case. */
  maxMs: number;
}

const POLL_MS = 20;

/**
 * What the API knows of its requests while it shuts down. `closing` turns every new request into a
 * 503 `shutting_down` with `Connection: close` (so a keep-alive client learns, from an answer, that
 * the connection ends, instead of having it reset under a request it is sending). `drain` waits
 * until the requests on the wire are answered and the clients have gone quiet; only then does the
 * server close, and its idle connections with it.
 */
export class HttpDrain {
  closing = false;
  private inFlight = 0;
  private lastRequestAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a request from its arrival until its response ends (or its connection does). */
  track(reply: FastifyReply): void {
    this.inFlight++;
    this.lastRequestAt = this.now();
    reply.raw.once('close', () => this.inFlight--);
  }

  /** Requests answered now or still being answered. */
  get pending(): number {
    return this.inFlight;
  }

  /** Sets `closing` and resolves once quiet (see DrainSettings). */
  async drain(settings: DrainSettings): Promise<void> {
    this.closing = true;
    const start = this.now();
    for (;;) {
      const now = this.now();
      if (now - start >= settings.maxMs) return;
      const quietSince = Math.max(start, this.lastRequestAt);
      if (this.inFlight === 0 && now - quietSince >= settings.quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
