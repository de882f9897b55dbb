import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.schema.js';
import { ConfigError, loadConfig } from '../../config/config.loader.js';
import type { Target } from '../../data/series-panel.js';
import type { AccuracyReport } from '../../monitoring/accuracy/accuracy-scorer.js';
import type { DriftReport } from '../../monitoring/drift/drift-report.js';
import { readAccuracyReports, readDriftReports } from '../../monitoring/monitoring-reports.js';
import { createArtifactStore } from '../../storage/artifact-store.factory.js';
import { CommandError, UsageError } from '../cli.errors.js';
import type { OptionValues } from '../command.types.js';
import { FreshcastHttp } from '../jobs/http-request.js';
import { optString } from '../option-readers.js';
import type { ModelCommandEnv } from './models-cli.context.js';

export const MONITOR_SOURCE_OPTIONS = { server: { type: 'string' } } as const;
export const MONITOR_SOURCE_USAGE = '[--server URL]';

const reports = z.object({ reports: z.array(z.record(z.string(), z.unknown())) });

/** JSON null (NaN on the server) back to NaN for the number fields the tables print. */
const nullToNaN = (_k: string, v: unknown): unknown => (v === null ? NaN : v);

/**
 * Where `monitor` commands read the reports: a running server (`--server URL` or
 * FRESHCAST_SERVER), else the configured artifact store (`storage.*`), as the jobs wrote them.
 */
export async function fetchReports(
  kind: 'accuracy' | 'drift',
  values: OptionValues,
  source: ModelCommandEnv,
  target: Target | undefined,
): Promise<AccuracyReport[] | DriftReport[]> {
  const env = source.env ?? process.env;
  const server = optString(values, 'server') ?? (env.FRESHCAST_SERVER?.trim() || undefined);
  if (server !== undefined) {
    if (!/^https?:\/\//.test(server))
      throw new UsageError(`--server must be an http(s) URL (got "${server}")`);
    const http = new FreshcastHttp(server, undefined);
    const path = `/monitoring/${kind}${target ? `?target=${target}` : ''}`;
    await http.json({ method: 'GET', path }, reports);
    const answer = await http.call({ method: 'GET', path });
    return (JSON.parse(answer.text, nullToNaN) as { reports: AccuracyReport[] | DriftReport[] })
      .reports;
  }
  let config: AppConfig;
  try {
    config = loadConfig({ env, dir: source.configDir });
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
  const store = createArtifactStore(config.storage);
  return kind === 'accuracy' ? readAccuracyReports(store, target) : readDriftReports(store, target);
}
