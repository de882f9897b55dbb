import { TARGETS } from '../../data/series-panel.js';
import { runBacktest } from '../../evaluation/backtest.js';
import { renderLeaderboard } from '../../evaluation/leaderboard-table.js';
import { createForecaster, unknownKindsMessage } from '../../forecasting/forecaster.registry.js';
import type { Forecaster } from '../../forecasting/forecast.types.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { withDomainErrors } from '../domain-errors.js';
import { loadPanelForCommand } from '../panel-input.js';
import { backtestReport, checkReportPath, writeHtmlReport } from '../html-report.js';
import { refuseInputAsOutput } from '../output-paths.js';
import {
  DATA_SOURCE_OPTIONS,
  dataSource,
  optEnum,
  optInt,
  optList,
  optString,
} from '../option-readers.js';
import { ProgressBar } from '../progress-bar.js';
import { backtestJson } from './backtest-json.format.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';
import { MAX_FIT_SEED } from '../../common/fit-seed.js';

export const backtestCommand: CliCommand = {
  path: ['backtest'],
  summary:
    'Rolling-origin backtest of model kinds (seasonal naive always included): a leaderboard by WAPE',
  usage: `freshcast backtest (--data DIR | --series FILE) --target T --models K1,K2,... [--horizon 28 (1-${MAX_HORIZON_DAYS})] [--windows 3] [--step N] [--refit-every K] [--seed N] [--json] [--html FILE]`,
  options: {
    ...DATA_SOURCE_OPTIONS,
    target: { type: 'string' },
    models: { type: 'string' },
    horizon: { type: 'string' },
    windows: { type: 'string' },
    step: { type: 'string' },
    'refit-every': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    html: { type: 'string' },
  },
  async run({ values, io }) {
    const source = dataSource(values);
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    const kinds = optList(values, 'models') ?? ['seasonal-naive', 'ets', 'linear'];
    const unknown = unknownKindsMessage(kinds);
    if (unknown !== undefined) throw new UsageError(unknown);
    const horizon = optInt(values, 'horizon', 1, MAX_HORIZON_DAYS) ?? 28;
    const windows = optInt(values, 'windows', 1, 50) ?? 3;
    const step = optInt(values, 'step', 1, 3660) ?? horizon;
    const refitEvery = optInt(values, 'refit-every', 1, 50) ?? 1;
    const seed = optInt(values, 'seed', 0, MAX_FIT_SEED) ?? 42;
    const html = optString(values, 'html');
    if (html !== undefined) checkReportPath(html);
    await refuseInputAsOutput('--html', html, source);

    const panel = await loadPanelForCommand(source, target, io);
    return withDomainErrors(async () => {
      const templates: Forecaster[] = [];
      try {
        for (const k of kinds) templates.push(await createForecaster(k));
        const bar = new ProgressBar(io, 'backtest', 100);
        const result = await runBacktest(
          panel,
          templates.map((forecaster) => ({ forecaster })),
          {
            target,
            horizon,
            windows,
            step,
            refitEvery,
            fitOptions: { seed },
            // The HTML report plots the best model's last-window forecasts.
            keepForecasts: html !== undefined,
            onProgress: (p) =>
              bar.update(
                Math.round(p.fraction * 100),
                `${p.model} ${p.window}/${p.windows} ${p.stage}`,
              ),
          },
        );
        bar.done();
        if (values.json === true) io.out(JSON.stringify(backtestJson(result), null, 2) + '\n');
        else {
          io.out(
            `target ${target}, horizon ${horizon}, cutoffs ${result.cutoffs.join(', ')} (P50 scored)\n`,
          );
          io.out(renderLeaderboard(result.leaderboard));
        }
        if (html !== undefined) {
          await writeHtmlReport(html, backtestReport(panel, result));
          io.err(`backtest report written to ${html}\n`);
        }
        return 0;
      } finally {
        for (const t of templates) t.dispose();
      }
    });
  },
};
