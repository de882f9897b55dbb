/**
 * Long synchronous work (a gbt fit's trees, in-sample forecasts for residuals) cut into slices: `pause`
 * gives the event loop back once `sliceMs` has run since the last pause, so a process that also serves
 * the API (role `all`) keeps answering requests and health checks while it fits. Between slices the
 * pause costs one microtask.
 */
export class EventLoopSlices {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = 40) {}

  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise<void>((resume) => setImmediate(resume));
    this.sliceStart = performance.now();
  }
}
