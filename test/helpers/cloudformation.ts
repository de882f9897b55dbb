import { parse, type ScalarTag, type CollectionTag } from 'yaml';

/** A CloudFormation intrinsic function as parsed from its short form (`!Ref X` → { fn: 'Ref', arg: 'X' }). */
export class Intrinsic {
  constructor(
    readonly fn: string,
    readonly arg: unknown,
  ) {}
}

const FUNCTIONS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Condition',
];

function tagsFor(fn: string): (ScalarTag | CollectionTag)[] {
  const name = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
  const tag = `!${fn}`;
  return [
    { tag, resolve: (value: string) => new Intrinsic(name, value) },
    {
      tag,
      collection: 'seq',
      resolve: (seq) => new Intrinsic(name, seq.toJSON()),
    },
    {
      tag,
      collection: 'map',
      resolve: (map) => new Intrinsic(name, map.toJSON()),
    },
  ];
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type: string; Default?: unknown; AllowedPattern?: string }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<
    string,
    { Type: string; Condition?: string; Properties?: Record<string, unknown> }
  >;
  Outputs?: Record<string, unknown>;
}

/** Parses a CloudFormation YAML template, its short-form intrinsics (`!Ref`, `!Sub`...) as Intrinsic. */
export function parseCfnTemplate(text: string): CfnTemplate {
  return parse(text, { customTags: FUNCTIONS.flatMap(tagsFor) }) as CfnTemplate;
}

/** The resources of one type, by logical id. */
export function resourcesOfType(
  template: CfnTemplate,
  type: string,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === type) out[id] = r.Properties ?? {};
  }
  return out;
}
