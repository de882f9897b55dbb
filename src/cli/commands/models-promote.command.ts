import type { PromotionResult } from '../../registry/model-registry.types.js';
import type { CliCommand } from '../command.types.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli.errors.js';
import { optEnum, optString } from '../option-readers.js';
import { printJson, withRegistry, type ModelCommandEnv } from './models-cli.context.js';
import { modelIdArgument } from './models-show.command.js';
import { renderGateTable } from './models-table.format.js';
import { toPromotionResultDto } from '../../registry/dto/promote-model.dto.js';

const STAGES = ['staging', 'prod'] as const;

function report(io: CliIo, r: PromotionResult): void {
  const v = r.version;
  if (!r.changed) {
    io.out(`${v.id} already is in ${v.stage}; nothing changed\n`);
    return;
  }
  const was = r.previousId === null ? '' : ` (replacing ${r.previousId}, now archived)`;
  io.out(`${v.id} is now in ${v.stage}${was}${r.forced ? ' [forced past failing gates]' : ''}\n`);
  if (r.gates.length > 0) io.out(renderGateTable(r.gates));
}

/** `freshcast models promote ID --stage staging|prod [--force --reason TEXT]`. */
export function modelsPromoteCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['models', 'promote'],
    summary:
      'Move a model to staging, or into prod through the promotion gates (exit 1 when a gate fails)',
    usage: 'freshcast models promote ID --stage staging|prod [--force --reason TEXT] [--json]',
    options: {
      stage: { type: 'string' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
    },
    positionals: true,
    async run({ values, positionals, io }) {
      const id = modelIdArgument(positionals);
      const stage = optEnum(values, 'stage', STAGES);
      if (stage === undefined) throw new UsageError('--stage staging|prod is required');
      const force = values.force === true;
      const reason = optString(values, 'reason');
      if (force && stage !== 'prod') throw new UsageError('--force only applies to --stage prod');
      if (force && reason === undefined)
        throw new UsageError('--force needs --reason TEXT (it is recorded in the history)');
      const result = await withRegistry(source, (registry, actor) =>
        registry.promote(id, { stage, force, reason, actor }),
      );
      if (values.json === true) printJson(io, toPromotionResultDto(result));
      else report(io, result);
      return 0;
    },
  };
}
