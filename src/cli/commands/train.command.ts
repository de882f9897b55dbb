import { TARGETS } from '../../data/series-panel.js';
import { isForecasterKind, listKinds } from '../../forecasting/forecaster.registry.js';
import { loadConfig } from '../../config/config.loader.js';
import { buildStandaloneRegistry } from '../../registry/registry.builder.js';
import { registerTrainedModel } from '../../training/model-registration.js';
import { trainModel } from '../../training/model-trainer.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { withDomainErrors } from '../domain-errors.js';
import { saveModelDir } from '../../forecasting/io/model-dir.js';
import { loadPanelForCommand } from '../panel-input.js';
import { refuseFileAsOutputFolder } from '../output-paths.js';
import {
  DATA_SOURCE_OPTIONS,
  dataSource,
  optEnum,
  optInt,
  optNumber,
  optString,
  reqString,
} from '../option-readers.js';
import { ProgressBar } from '../progress-bar.js';
import { budgetOption } from './tune.command.js';
import { tunedParamsFromFile } from './tuned-params.file.js';
import { kindParamsProblem, problemPath } from '../../forecasting/kind-params.check.js';
import { formatFitReport, type TrainCommandResult } from './training-report.format.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';
import { MAX_FIT_SEED } from '../../common/fit-seed.js';
import { removeOnInterrupt } from '../interrupt-cleanup.js';

/** `--params '{"lags": 21}'`: the kind's hyperparameters as a JSON object (checked by the kind). */
function paramsOption(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new UsageError('--params must be a JSON object, e.g. --params \'{"lags":21}\'');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('--params must be a JSON object, e.g. --params \'{"lags":21}\'');
  return parsed as Record<string, unknown>;
}

export const trainCommand: CliCommand = {
  path: ['train'],
  summary:
    'Backtest a model kind against seasonal naive, fit it on all data, save it and/or register it',
  usage: `freshcast train (--data DIR | --series FILE) --target quantity|price|wholesale --model KIND [--params JSON | --params-from TUNE.json] [--budget DURATION] [--horizon N (1-${MAX_HORIZON_DAYS})] [--epochs N] [--time-budget S] [--seed N] [--windows N] (--out DIR | --register [--stage dev|staging|prod]) [--json]`,
  options: {
    ...DATA_SOURCE_OPTIONS,
    target: { type: 'string' },
    model: { type: 'string' },
    params: { type: 'string' },
    'params-from': { type: 'string' },
    budget: { type: 'string' },
    horizon: { type: 'string' },
    epochs: { type: 'string' },
    'time-budget': { type: 'string' },
    seed: { type: 'string' },
    windows: { type: 'string' },
    out: { type: 'string' },
    register: { type: 'boolean' },
    stage: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const source = dataSource(values);
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    const kind = reqString(values, 'model');
    if (!isForecasterKind(kind))
      throw new UsageError(`unknown model kind "${kind}"; known kinds: ${listKinds().join(', ')}`);
    let params = paramsOption(optString(values, 'params'));
    const paramsFrom = optString(values, 'params-from');
    if (params && paramsFrom)
      throw new UsageError('give either --params or --params-from, not both');
    const budgetSec = values.budget === undefined ? undefined : budgetOption(values);
    const horizon = optInt(values, 'horizon', 1, MAX_HORIZON_DAYS) ?? 28;
    const epochs = optInt(values, 'epochs', 1, 10_000);
    const timeBudgetSec = optNumber(values, 'time-budget', 1, 86_400);
    const seed = optInt(values, 'seed', 0, MAX_FIT_SEED) ?? 42;
    const windows = optInt(values, 'windows', 0, 20) ?? 3;
    const out = optString(values, 'out');
    const register = values.register === true;
    const stage = optEnum(values, 'stage', ['dev', 'staging', 'prod'] as const);
    if (!out && !register)
      throw new UsageError('give --out DIR to save the model, --register to register it, or both');
    if (stage && !register) throw new UsageError('--stage needs --register');
    if (register && windows === 0 && stage === 'prod')
      throw new UsageError('promotion to prod needs a backtest (--windows ≥ 1)');

    if (out !== undefined) refuseFileAsOutputFolder('--out', out, 'a folder for the model');
    // Read the configuration before any work: a registry that cannot be opened fails now, not
    // after the training.
    const cfg = register ? loadConfig() : undefined;

    const tuned = paramsFrom ? await tunedParamsFromFile(paramsFrom, kind, target) : undefined;
    if (tuned) params = tuned.params;
    if (params !== undefined) {
      // Before the data is read: params the kind (or an ensemble member) refuses are a usage error.
      const problem = await kindParamsProblem(kind, params);
      // Named as the HTTP field and the scheduled payload name it: `--params.members.1.params`.
      if (problem)
        throw new UsageError(
          `${problemPath(tuned ? '--params-from' : '--params', problem)}: ${problem.message}`,
        );
    }
    const panel = await loadPanelForCommand(source, target, io);
    return withDomainErrors(async () => {
      const stageBar = new ProgressBar(io, 'backtest', 100);
      let epochBar: ProgressBar | undefined;
      const outcome = await trainModel({
        panel,
        target,
        kind,
        params,
        paramsSource: tuned?.source,
        horizon,
        epochs,
        timeBudgetSec,
        budgetSec,
        seed,
        backtest: windows > 0 ? { windows } : false,
        onStage: (s, fraction, detail) => {
          if (s === 'backtest') stageBar.update(Math.round(fraction * 100), detail);
          else if (s === 'fit') io.err(`${detail}\n`);
        },
        onFitProgress: (p) => {
          epochBar ??= new ProgressBar(io, 'fit', p.epochs);
          epochBar.update(
            p.epoch,
            `loss ${p.loss.toFixed(4)}${p.valLoss !== undefined ? ` val ${p.valLoss.toFixed(4)}` : ''} ${Math.round(p.samplesPerSec)} samples/s`,
          );
        },
      });
      try {
        const result: TrainCommandResult = {
          kind,
          target,
          horizon,
          fit: outcome.fit,
          backtest: outcome.manifest.backtest,
        };
        if (out) {
          await saveModelDir(
            out,
            outcome.forecaster,
            { ...outcome.manifest, fit: outcome.fit },
            removeOnInterrupt,
          );
          result.out = out;
        }
        if (cfg) {
          const standalone = buildStandaloneRegistry(cfg);
          try {
            const reg = await registerTrainedModel(standalone.registry, outcome, {
              actor: 'cli',
              stage,
              reason: 'freshcast train',
            });
            result.id = reg.version.id;
            result.stage = reg.version.stage;
          } finally {
            await standalone.close();
          }
        }
        if (values.json === true) io.out(JSON.stringify(result, null, 2) + '\n');
        else io.out(formatFitReport(outcome, result));
        return 0;
      } finally {
        outcome.forecaster.dispose();
      }
    });
  },
};
