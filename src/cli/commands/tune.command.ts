import { parseDurationSec } from '../../common/duration.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';
import { loadConfig } from '../../config/config.loader.js';
import { TARGETS } from '../../data/series-panel.js';
import { paramSpaceOf, tunableKinds } from '../../forecasting/param-spaces.js';
import { tuneKind, TuneRequestError } from '../../training/tuning/tune-runner.js';
import type { CliCommand, OptionValues } from '../command.types.js';
import { CommandError, UsageError } from '../cli.errors.js';
import { withDomainErrors } from '../domain-errors.js';
import { loadPanelForCommand } from '../panel-input.js';
import { optEnum, optInt, optString, reqString } from '../option-readers.js';
import { ProgressBar } from '../progress-bar.js';
import { formatTuneReport } from './tune-report.format.js';
import { checkOutputFile, refuseInputAsOutput } from '../output-paths.js';
import { writeOutputText } from '../output-file.js';
import { MAX_FIT_SEED } from '../../common/fit-seed.js';

const MAX_BUDGET_SEC = 24 * 3600;

/** `--budget 20m`: seconds (`90`, `90s`), minutes (`20m`) or hours (`1h`, `1h30m`), up to 24 h. */
export function budgetOption(values: OptionValues): number {
  const raw = reqString(values, 'budget');
  const sec = parseDurationSec(raw);
  if (sec === null || sec > MAX_BUDGET_SEC)
    throw new UsageError(
      `--budget must be a duration up to 24h such as 90s, 20m or 1h (got "${raw}")`,
    );
  return sec;
}

/** `--data DIR` or `--series FILE`; neither: the configured data folder. */
function tuneDataSource(values: OptionValues): { data: string } | { series: string } {
  const data = optString(values, 'data');
  const series = optString(values, 'series');
  if (data && series) throw new UsageError('give either --data DIR or --series FILE, not both');
  if (series) return { series };
  return { data: data ?? loadConfig().data.dir };
}

export const tuneCommand: CliCommand = {
  path: ['tune'],
  summary:
    "Search a model kind's hyperparameters within a time budget (successive halving, scored before the evaluation windows)",
  usage:
    'freshcast tune --model KIND --budget 20m [--data DIR | --series FILE] [--target quantity|price|wholesale] [--seed N] [--horizon N] [--windows N] [--eval-windows N] [--candidates N] [--out FILE] [--json]',
  options: {
    data: { type: 'string' },
    series: { type: 'string' },
    target: { type: 'string' },
    model: { type: 'string' },
    budget: { type: 'string' },
    seed: { type: 'string' },
    horizon: { type: 'string' },
    windows: { type: 'string' },
    'eval-windows': { type: 'string' },
    candidates: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const kind = reqString(values, 'model');
    if (paramSpaceOf(kind) === null)
      throw new UsageError(
        `model kind "${kind}" cannot be tuned; kinds with a parameter space: ${tunableKinds().join(', ')}`,
      );
    const budgetSec = budgetOption(values);
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    const seed = optInt(values, 'seed', 0, MAX_FIT_SEED) ?? 42;
    const horizon = optInt(values, 'horizon', 1, MAX_HORIZON_DAYS) ?? 28;
    const tuningWindows = optInt(values, 'windows', 1, 12) ?? 3;
    const evaluationWindows = optInt(values, 'eval-windows', 0, 20) ?? 3;
    const candidates = optInt(values, 'candidates', 2, 100) ?? 9;
    const out = optString(values, 'out');
    const source = tuneDataSource(values);
    if (out !== undefined) {
      checkOutputFile('--out', out);
      await refuseInputAsOutput('--out', out, source);
    }

    const panel = await loadPanelForCommand(source, target, io);
    return withDomainErrors(async () => {
      const bar = new ProgressBar(io, 'tune', 100);
      let outcome;
      try {
        outcome = await tuneKind({
          panel,
          target,
          kind,
          horizon,
          evaluationWindows,
          tuningWindows,
          budgetSec,
          // A fit gets at most a quarter of the budget (neural kinds stop at it).
          fitBudgetSec: budgetSec / 4,
          seed,
          candidates,
          onProgress: (p) =>
            bar.update(
              Math.round(p.fraction * 100),
              `${p.trials} trials, best WAPE ${p.bestMeanWape?.toFixed(4) ?? '-'}`,
            ),
        });
      } catch (err) {
        if (err instanceof TuneRequestError) throw new CommandError(err.message);
        throw err;
      }
      if (out) await writeOutputText(out, JSON.stringify(outcome, null, 2) + '\n');
      if (values.json === true) io.out(JSON.stringify(outcome, null, 2) + '\n');
      else io.out(formatTuneReport(outcome, out));
      return outcome.best === null ? 1 : 0;
    });
  },
};
