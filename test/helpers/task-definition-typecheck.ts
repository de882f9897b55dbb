import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { Intrinsic, type CfnTemplate } from './cloudformation.js';

/** Maps whose keys are data, not property names: kept as written (`awslogs-group`, label names). */
const DATA_MAPS = new Set(['Options', 'DockerLabels']);

/**
 * A CloudFormation AWS::ECS::TaskDefinition's Properties in the shape of the ECS API's
 * RegisterTaskDefinition input: keys camelCased (CloudFormation capitalises the API's names), `!Ref`
 * to a parameter replaced by its default with the parameter's type (Number → number), pseudo
 * parameters by sample strings, and any other intrinsic by a string (where the API wants a number or an
 * array, that is a type error, as it would be once CloudFormation resolved it).
 */
export function toRegisterInput(properties: unknown, template: CfnTemplate): unknown {
  const params = template.Parameters ?? {};
  const convert = (value: unknown, keepKeys: boolean): unknown => {
    if (value instanceof Intrinsic) {
      if (value.fn === 'Ref' && typeof value.arg === 'string') {
        const p = params[value.arg];
        // YAML gives a parameter's default as a string or a number.
        const d = p?.Default as string | number | undefined;
        if (d !== undefined) return p?.Type === 'Number' ? Number(d) : String(d);
        return p ? `param:${value.arg}` : `ref:${value.arg}`;
      }
      return `${value.fn}:${JSON.stringify(value.arg)}`;
    }
    if (Array.isArray(value)) return value.map((v) => convert(v, false));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          keepKeys ? k : k.charAt(0).toLowerCase() + k.slice(1),
          convert(v, DATA_MAPS.has(k)),
        ]),
      );
    }
    return value;
  };
  return convert(properties, false);
}

/**
 * Type-checks each value against `RegisterTaskDefinitionCommandInput` from @aws-sdk/client-ecs with the
 * TypeScript compiler (`satisfies`: unknown keys, wrong types and values outside the API's enums are
 * errors). All in one program (loading the SDK's types is the slow part); returns the compiler's
 * messages per definition, an empty list where a definition matches.
 */
export function typecheckTaskDefinitions(
  definitions: Record<string, unknown>,
  repoRoot: string,
): Record<string, string[]> {
  const dir = join(repoRoot, '.tmp', `task-definition-typecheck-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'task-definitions.ts');
  const body = Object.entries(definitions)
    .map(
      ([id, def]) =>
        `export const ${id} = ${JSON.stringify(def, null, 2)} satisfies RegisterTaskDefinitionCommandInput;`,
    )
    .join('\n\n');
  writeFileSync(
    file,
    `import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';\n\n${body}\n`,
  );
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    const source = program.getSourceFile(file);
    const starts = Object.keys(definitions).map((id) => ({
      id,
      at: source?.text.indexOf(`export const ${id} =`) ?? -1,
    }));
    const out: Record<string, string[]> = Object.fromEntries(starts.map((s) => [s.id, []]));
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const owner =
        d.file === source ? starts.filter((s) => s.at <= (d.start ?? -1)).pop() : undefined;
      (out[owner?.id ?? 'program'] ??= []).push(message);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
