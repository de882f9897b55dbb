import { TARGETS } from '../../data/series-panel.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { optEnum, optInt, optString } from '../option-readers.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { renderHistoryTable, renderUnreadable } from './models-table.format.js';
import { toModelHistory } from '../../registry/dto/model-history.dto.js';

/** `freshcast models history --target T [--id ID]`: who changed what, when and why. */
export function modelsHistoryCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'history'],
    summary: "A target's registry history, oldest first (optionally about one model)",
    usage:
      'freshcast models history --target quantity|price|wholesale [--id ID] [--limit N] [--json]',
    options: {
      target: { type: 'string' },
      id: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run({ values, io }) {
      const target = optEnum(values, 'target', TARGETS);
      if (target === undefined) throw new UsageError('--target is required');
      const query = { id: optString(values, 'id'), limit: optInt(values, 'limit', 1, 1_000_000) };
      const result = await withRegistry(source, (registry) => registry.history(target, query));
      if (values.json === true) printJson(io, toModelHistory(result));
      else io.out(renderHistoryTable(result.entries));
      io.err(renderUnreadable(result.errors));
      return 0;
    },
  };
}
