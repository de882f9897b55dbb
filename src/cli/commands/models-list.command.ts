import { TARGETS } from '../../data/series-panel.js';
import { MODEL_STAGES } from '../../registry/model-manifest.schema.js';
import type { CliCommand } from '../command.types.js';
import { optEnum, optString } from '../option-readers.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { renderModelTable, renderUnreadable } from './models-table.format.js';
import { toModelVersionDto } from '../../registry/dto/model-version.dto.js';

/** `freshcast models list`: registered models, newest first; unreadable entries as warnings. */
export function modelsListCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'list'],
    summary: 'List registered models (newest first) with stage, aliases and backtest metrics',
    usage:
      'freshcast models list [--target quantity|price|wholesale] [--kind K] [--stage S] [--json]',
    options: {
      target: { type: 'string' },
      kind: { type: 'string' },
      stage: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run({ values, io }) {
      const filter = {
        target: optEnum(values, 'target', TARGETS),
        kind: optString(values, 'kind'),
        stage: optEnum(values, 'stage', MODEL_STAGES),
      };
      const result = await withRegistry(source, (registry) => registry.list(filter));
      if (values.json === true)
        printJson(io, { versions: result.versions.map(toModelVersionDto), errors: result.errors });
      else io.out(renderModelTable(result.versions));
      io.err(renderUnreadable(result.errors));
      return 0;
    },
  };
}
