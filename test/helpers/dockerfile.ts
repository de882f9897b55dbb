/** One Dockerfile instruction: its keyword (upper case), the rest of the line(s), the line it starts on. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export interface DockerStage {
  /** `FROM <image>` as written (may hold `${ARG}`). */
  from: string;
  /** `AS <name>`, or the stage's index as text. */
  name: string;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARGs before the first FROM, with their defaults. */
  globalArgs: Record<string, string | undefined>;
  stages: DockerStage[];
}

/**
 * Parses a Dockerfile's instructions (comments and blank lines dropped, `\` continuations joined,
 * parser directives ignored). Throws on an unknown instruction or one before the first FROM other than ARG.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const known = new Set([
    'FROM',
    'RUN',
    'CMD',
    'LABEL',
    'EXPOSE',
    'ENV',
    'ADD',
    'COPY',
    'ENTRYPOINT',
    'VOLUME',
    'USER',
    'WORKDIR',
    'ARG',
    'ONBUILD',
    'STOPSIGNAL',
    'HEALTHCHECK',
    'SHELL',
  ]);
  const instructions: DockerInstruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (pending !== undefined && trimmed.startsWith('#')) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending
      ? { text: `${pending.text} ${part}`, line: pending.line }
      : { text: part, line: i + 1 };
    if (continued) return;
    const m = /^(\S+)\s*(.*)$/s.exec(pending.text.trim());
    if (!m) throw new Error(`line ${pending.line}: cannot parse "${pending.text}"`);
    const keyword = m[1].toUpperCase();
    if (!known.has(keyword)) throw new Error(`line ${pending.line}: unknown instruction ${m[1]}`);
    instructions.push({ keyword, args: m[2].replace(/\s+/g, ' ').trim(), line: pending.line });
    pending = undefined;
  });
  if (pending !== undefined) throw new Error('the file ends inside a continued line');
  const parsed: ParsedDockerfile = { globalArgs: {}, stages: [] };
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: bad FROM "${ins.args}"`);
      parsed.stages.push({
        from: m[1],
        name: m[2] ?? String(parsed.stages.length),
        instructions: [],
      });
    } else if (parsed.stages.length === 0) {
      if (ins.keyword !== 'ARG')
        throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
      const [name, value] = ins.args.split('=', 2);
      parsed.globalArgs[name] = value;
    } else {
      parsed.stages[parsed.stages.length - 1].instructions.push(ins);
    }
  }
  return parsed;
}

/** The JSON array of an exec-form instruction (`["a", "b"]`), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const value: unknown = JSON.parse(args);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  return value;
}
