// Prints, after a run, each tier's (jest project's) test files, tests, and time: `busy` sums its files'
// run times (the work, spread over the workers), `span` runs from its first file's start to its last one's
// end (tiers run interleaved in `npm test`, so spans overlap).
class TierDurationsReporter {
  constructor() {
    this.tiers = new Map();
  }

  onTestResult(test, result) {
    const name = test.context.config.displayName?.name ?? 'default';
    const tier = this.tiers.get(name) ?? { files: 0, tests: 0, failed: 0, busyMs: 0, start: Infinity, end: 0 };
    tier.files += 1;
    tier.tests += result.numPassingTests + result.numFailingTests;
    tier.failed += result.numFailingTests + (result.testExecError ? 1 : 0);
    const { start, end } = result.perfStats;
    if (start > 0 && end >= start) {
      tier.busyMs += end - start;
      tier.start = Math.min(tier.start, start);
      tier.end = Math.max(tier.end, end);
    }
    this.tiers.set(name, tier);
  }

  onRunComplete() {
    if (this.tiers.size === 0) return;
    const order = ['unit', 'model-contract', 'integration', 'e2e'];
    const names = [...this.tiers.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const lines = names.map((name) => {
      const t = this.tiers.get(name);
      const span = t.end > t.start ? t.end - t.start : 0;
      return (
        `  ${name.padEnd(15)} ${String(t.files).padStart(4)} files ${String(t.tests).padStart(5)} tests` +
        `  busy ${s(t.busyMs).padStart(8)}  span ${s(span).padStart(8)}${t.failed > 0 ? `  ${t.failed} failed` : ''}`
      );
    });
    process.stdout.write(`\nTest tiers (busy = summed file time, span = first start to last end):\n${lines.join('\n')}\n`);
  }
}

module.exports = TierDurationsReporter;
