import type { AppConfig } from '../../config/app-config.schema.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ProdReference } from '../../registry/model-registry.types.js';
import type { GateResult } from '../../registry/registry-history.schema.js';
import { rebacktestOnPanel } from '../../training/prod-rebacktest.js';

/** Default fit budget of the prod re-backtest, seconds (registry.gates.rebacktestTimeBudgetSec). */
export const REBACKTEST_TIME_BUDGET_SEC = 30;

/**
 * When `gates` failed only because the prod model's backtest ran on other data (same_data), the
 * prod model's kind and params backtested again on `panel` with the candidate's protocol — what
 * the gates then compare with. Undefined when not needed, turned off
 * (registry.gates.rebacktestProd: false) or impossible (no prod, no candidate backtest).
 */
export async function prodReferenceFor(args: {
  registry: ModelRegistryService;
  config: AppConfig;
  panel: SeriesPanel;
  candidateId: string;
  prod: ModelVersion | null;
  gates: readonly GateResult[];
  log: (line: string) => void;
}): Promise<ProdReference | undefined> {
  const { registry, config, panel, prod, gates } = args;
  const g = config.registry.gates;
  const failed = gates.filter((r) => !r.passed).map((r) => r.gate);
  // Other failed gates would refuse the candidate anyway: no need to pay for the backtest.
  const onlySameData = failed.length === 1 && failed[0] === 'same_data';
  if (g.rebacktestProd === false || prod === null || !onlySameData) return undefined;
  const candidate = await registry.get(args.candidateId);
  if (candidate.backtest === null) return undefined;
  const timeBudgetSec = g.rebacktestTimeBudgetSec ?? REBACKTEST_TIME_BUDGET_SEC;
  const t0 = performance.now();
  const reference = await rebacktestOnPanel(panel, prod, {
    protocol: candidate.backtest.protocol,
    refitEvery: config.forecasting.backtest.refitEvery,
    timeBudgetSec,
    seed: config.forecasting.seed,
  });
  args.log(
    `prod ${prod.id} was backtested on other data: backtested again on the current data in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s (WAPE ${reference.backtest.wape.toFixed(3)}, ` +
      `was ${prod.backtest?.wape.toFixed(3) ?? 'none'})`,
  );
  return reference;
}
