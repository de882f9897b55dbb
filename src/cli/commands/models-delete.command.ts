import type { CliCommand } from '../command.types.js';
import { optString } from '../option-readers.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { modelIdArgument } from './models-show.command.js';

/** `freshcast models delete ID`: removes a model and its artifacts (never prod or aliased ones). */
export function modelsDeleteCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'delete'],
    summary: 'Delete a model and its artifacts (refused for the prod model and aliased ones)',
    usage: 'freshcast models delete ID [--reason TEXT] [--json]',
    options: { reason: { type: 'string' }, json: { type: 'boolean' } },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = modelIdArgument(positionals);
      const reason = optString(values, 'reason');
      await withRegistry(source, (registry, actor) => registry.delete(id, { actor, reason }));
      if (values.json === true) printJson(io, { id, deleted: true });
      else io.out(`deleted ${id}\n`);
      return 0;
    },
  };
}
