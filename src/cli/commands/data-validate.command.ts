import { renderReportText } from '../../data/validation/report-text.renderer.js';
import type { CliCommand } from '../command.types.js';
import { DATA_SOURCE_OPTIONS, dataSource } from '../option-readers.js';
import { loadForCommand } from './data-load.step.js';
import { toValidationReportDto } from '../../data/dto/validation-report.dto.js';

export const dataValidateCommand: CliCommand = {
  path: ['data', 'validate'],
  summary:
    'Check a data set (schema, types, ranges, duplicates, gaps…); exit 0 when usable (warnings allowed), 1 with errors',
  usage: 'freshcast data validate (--data DIR | --series FILE.csv) [--json]',
  options: { ...DATA_SOURCE_OPTIONS, json: { type: 'boolean' } },
  async run({ values, io }) {
    const location = dataSource(values);
    const { report } = await loadForCommand(location, io, { panel: false });
    io.out(
      values.json === true
        ? JSON.stringify(toValidationReportDto(report), null, 2) + '\n'
        : renderReportText(report),
    );
    return report.summary.hasErrors ? 1 : 0;
  },
};
