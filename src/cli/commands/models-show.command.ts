import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { renderGateTable, renderModelDetails } from './models-table.format.js';
import { toModelVersionDto } from '../../registry/dto/model-version.dto.js';

/** The one positional argument of a command that acts on a model (`models show ID`). */
export function modelIdArgument(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one model id');
  return positionals[0];
}

/** `freshcast models show ID`: one model in full, and (unless it is prod) how it fares at the gates. */
export function modelsShowCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'show'],
    summary: 'Show one model: manifest, stage, aliases, and the prod gates it would face now',
    usage: 'freshcast models show ID [--json]',
    options: { json: { type: 'boolean' } },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = modelIdArgument(positionals);
      const { version, gates } = await withRegistry(source, async (registry) => {
        const v = await registry.get(id);
        return { version: v, gates: v.stage === 'prod' ? [] : await registry.checkGates(id) };
      });
      if (values.json === true) {
        printJson(io, toModelVersionDto(version));
        return 0;
      }
      io.out(renderModelDetails(version));
      if (gates.length > 0) io.out(`\nprod gates if promoted now:\n${renderGateTable(gates)}`);
      return 0;
    },
  };
}
