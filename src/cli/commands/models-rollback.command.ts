import { TARGETS } from '../../data/series-panel.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { optEnum, optString } from '../option-readers.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { toRollbackResultDto } from '../../registry/dto/rollback.dto.js';

/** `freshcast models rollback --target T`: the previous prod model back into prod. */
export function modelsRollbackCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'rollback'],
    summary: "Return a target's prod model to the previous one (exit 1 when there is none)",
    usage: 'freshcast models rollback --target quantity|price|wholesale [--reason TEXT] [--json]',
    options: { target: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } },
    async run({ values, io }) {
      const target = optEnum(values, 'target', TARGETS);
      if (target === undefined) throw new UsageError('--target is required');
      const reason = optString(values, 'reason');
      const result = await withRegistry(source, (registry, actor) =>
        registry.rollback(target, { actor, reason }),
      );
      if (values.json === true) printJson(io, toRollbackResultDto(result));
      else
        io.out(
          `${target}: prod is now ${result.to.id}` +
            `${result.from === null ? '' : ` (rolled back from ${result.from}, now archived)`}\n`,
        );
      return 0;
    },
  };
}
