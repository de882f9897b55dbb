import { installShutdownHandlers } from '../../../src/jobs/shutdown-signals.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const SIGNAL = 'SIGUSR2';

async function settle(): Promise<void> {
  await new Promise((r) => setImmediate(r));
}

describe('installShutdownHandlers', () => {
  it('stops once on the first signal, then exits 0', async () => {
    const exits: number[] = [];
    let stops = 0;
    let release: () => void = () => undefined;
    const remove = installShutdownHandlers(
      () => {
        stops += 1;
        return new Promise<void>((r) => (release = r));
      },
      { logger: quiet, signals: [SIGNAL], exit: (c) => exits.push(c) },
    );
    try {
      process.emit(SIGNAL, SIGNAL);
      await settle();
      expect(stops).toBe(1);
      expect(exits).toEqual([]);
      release();
      await settle();
      expect(exits).toEqual([0]);
    } finally {
      remove();
    }
  });

  it('exits 1 at once on a second signal, and 1 when stopping fails', async () => {
    const exits: number[] = [];
    const remove = installShutdownHandlers(() => new Promise<void>(() => undefined), {
      logger: quiet,
      signals: [SIGNAL],
      exit: (c) => exits.push(c),
    });
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    expect(exits).toEqual([1]);
    remove();

    const failing: number[] = [];
    const remove2 = installShutdownHandlers(() => Promise.reject(new Error('redis gone')), {
      logger: quiet,
      signals: [SIGNAL],
      exit: (c) => failing.push(c),
    });
    process.emit(SIGNAL, SIGNAL);
    await settle();
    expect(failing).toEqual([1]);
    remove2();
    expect(process.listenerCount(SIGNAL)).toBe(0);
  });
});
