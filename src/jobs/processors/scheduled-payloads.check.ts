import type { AppConfig } from '../../config/app-config.schema.js';
import { JobName } from '../../common/job-names.js';
import { isForecasterKind, unknownKindsMessage } from '../../forecasting/forecaster.registry.js';
import { kindParamsProblem, problemPath } from '../../forecasting/kind-params.check.js';
import { backtestPayloadSchema, trainPayloadSchema } from '../job-payloads.js';

/**
 * What a scheduled train or backtest (config `jobs.schedules`) would fail on each time it fires,
 * checked at start as POST /admin/retrain and /admin/backtest check a submission: kinds the registry
 * does not know and params a kind (or an ensemble's member) refuses. One line naming the schedule,
 * or undefined. A payload its job's schema refuses is left to the schedules' own check.
 */
export async function scheduledPayloadsProblem(
  config: Pick<AppConfig, 'jobs' | 'forecasting'>,
): Promise<string | undefined> {
  for (const [i, s] of config.jobs.schedules.entries()) {
    const where = `jobs.schedules.${i} (${s.id})`;
    let kinds: string[];
    let params: Record<string, unknown> | undefined;
    if (s.name === JobName.Train) {
      const p = trainPayloadSchema.safeParse(s.payload);
      if (!p.success) continue;
      kinds = p.data.kinds ?? [config.forecasting.defaultModel];
      params = p.data.params;
    } else if (s.name === JobName.Backtest) {
      const p = backtestPayloadSchema.safeParse(s.payload);
      if (!p.success || p.data.kind === undefined) continue;
      kinds = [p.data.kind];
      params = p.data.params;
    } else continue;
    const unknown = unknownKindsMessage(kinds);
    if (unknown !== undefined) return `${where}: ${unknown}`;
    for (const kind of new Set(kinds.filter(isForecasterKind))) {
      const problem = await kindParamsProblem(kind, params);
      if (problem) return `${where}: ${problemPath('payload.params', problem)}: ${problem.message}`;
    }
  }
  return undefined;
}
