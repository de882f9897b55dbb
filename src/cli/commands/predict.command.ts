import { LAST_ISO_DAY, runsPastLastIsoDay } from '../../data/dates.js';
import { TARGETS } from '../../data/series-panel.js';
import type { Forecast, Forecaster } from '../../forecasting/forecast.types.js';
import { loadForecaster } from '../../forecasting/forecaster.registry.js';
import { loadConfig } from '../../config/config.loader.js';
import { buildStandaloneRegistry } from '../../registry/registry.builder.js';
import type { CliCommand } from '../command.types.js';
import { CommandError, UsageError } from '../cli.errors.js';
import { withDomainErrors } from '../domain-errors.js';
import { isModelDir, loadModelDir } from '../../forecasting/io/model-dir.js';
import { loadPanelForCommand } from '../panel-input.js';
import {
  DATA_SOURCE_OPTIONS,
  dataSource,
  optDate,
  optEnum,
  optInt,
  optList,
  optString,
  reqString,
} from '../option-readers.js';
import { forecastsCsv, forecastsTable, roundedForecasts } from './forecast-output.format.js';
import { checkReportPath, predictReport, writeHtmlReport } from '../html-report.js';
import { refuseInputAsOutput } from '../output-paths.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';

async function openModel(ref: string, target: (typeof TARGETS)[number]): Promise<Forecaster> {
  if (isModelDir(ref)) return loadModelDir(ref);
  if (!/^[a-z0-9-]+$/i.test(ref))
    throw new CommandError(`${ref} is neither a saved model folder nor a registry id`);
  const standalone = buildStandaloneRegistry(loadConfig());
  try {
    const version = await standalone.registry.resolve(target, ref);
    const { source } = await standalone.registry.openArtifacts(version.id);
    return await loadForecaster(source);
  } finally {
    await standalone.close();
  }
}

export const predictCommand: CliCommand = {
  path: ['predict'],
  summary:
    'Forecast with a saved model (folder from `train --out`, a registry id, or prod/champion)',
  usage: `freshcast predict --model DIR|ID|prod (--data DIR | --series FILE) [--target T] [--ids a,b] [--horizon N (1-${MAX_HORIZON_DAYS})] [--cutoff YYYY-MM-DD] [--json|--csv] [--html FILE]`,
  options: {
    ...DATA_SOURCE_OPTIONS,
    model: { type: 'string' },
    target: { type: 'string' },
    ids: { type: 'string' },
    horizon: { type: 'string' },
    cutoff: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    html: { type: 'string' },
  },
  async run({ values, io }) {
    const modelRef = reqString(values, 'model');
    const source = dataSource(values);
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    const ids = optList(values, 'ids');
    const horizonOpt = optInt(values, 'horizon', 1, MAX_HORIZON_DAYS);
    const cutoff = optDate(values, 'cutoff');
    const html = optString(values, 'html');
    if (html !== undefined) checkReportPath(html);
    await refuseInputAsOutput('--html', html, source);
    if (values.json === true && values.csv === true)
      throw new UsageError('choose one of --json and --csv');

    return withDomainErrors(async () => {
      const model = await openModel(modelRef, target);
      try {
        const modelTarget = model.target ?? target;
        if (values.target !== undefined && modelTarget !== target)
          throw new UsageError(
            `--target ${target}, but the model ${modelRef} forecasts ${modelTarget}: leave --target out or give that target`,
          );
        const panel = await loadPanelForCommand(source, modelTarget, io);
        const horizon = horizonOpt ?? model.horizon ?? 28;
        if (model.horizon !== undefined && horizon > model.horizon) {
          throw new UsageError(`--horizon ${horizon} exceeds the model's horizon ${model.horizon}`);
        }
        // The day after 9999-12-31 has no YYYY-MM-DD text: forecasts came out dated `+010000-01`
        // (and --html threw "Invalid time value").
        const origin = cutoff ?? panel.dates.at(-1);
        if (origin !== undefined && runsPastLastIsoDay(origin, horizon))
          throw new CommandError(
            `a ${horizon}-day forecast after ${origin} would run past ${LAST_ISO_DAY}, the last date there is`,
          );
        if (ids) {
          const known = new Set(panel.seriesIds);
          const missing = ids.filter((id) => !known.has(id));
          if (missing.length)
            throw new CommandError(
              `unknown series: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (+${missing.length - 5})` : ''}`,
            );
        }
        const forecasts: Forecast[] = await model.predict({
          panel,
          horizon,
          seriesIds: ids,
          cutoff,
        });
        if (forecasts.length === 0)
          throw new CommandError(
            `no series has the ${model.capabilities.minHistory} observed days ${model.kind} needs up to ${cutoff ?? panel.dates.at(-1) ?? 'the cutoff'}: nothing to forecast`,
          );
        if (values.json === true)
          io.out(
            JSON.stringify(
              {
                model: model.kind,
                target: modelTarget,
                horizon,
                forecasts: roundedForecasts(forecasts, modelTarget),
              },
              null,
              2,
            ) + '\n',
          );
        else if (values.csv === true) io.out(forecastsCsv(forecasts, modelTarget));
        else io.out(forecastsTable(forecasts, modelTarget));
        if (html !== undefined) {
          await writeHtmlReport(
            html,
            predictReport(panel, modelTarget, `model ${modelRef} (${model.kind})`, forecasts),
          );
          io.err(`forecast report written to ${html}\n`);
        }
        io.err(
          `${forecasts.length} series forecast by ${model.kind} (${modelTarget}, ${horizon} days)\n`,
        );
        return 0;
      } finally {
        model.dispose();
      }
    });
  },
};
