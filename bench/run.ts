// `npm run bench -- [--only NAME[,NAME…]] [--write] [--list]`: runs benchmark sections and prints
// markdown on stdout (progress on stderr); --write also puts the results in docs/BENCHMARKS.md.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineLine, renderSection } from './bench-report.js';
import { SECTIONS, type BenchSuite } from './sections.js';

const DOC = 'docs/BENCHMARKS.md';
const USAGE = 'usage: npm run bench -- [--only NAME[,NAME…]] [--write] [--list]';

function chooseSections(only: string[] | undefined): BenchSuite[] {
  if (only === undefined) return [...SECTIONS];
  const names = only
    .flatMap((o) => o.split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`,
    );
  }
  return SECTIONS.filter((s) => names.includes(s.name));
}

/** A section's results between markers, so that a later run of the same section replaces them. */
function resultBlock(name: string, machine: string, markdown: string): string {
  return `<!-- bench:${name} -->\n_${machine}_\n\n${markdown.trimEnd()}\n<!-- /bench:${name} -->\n`;
}

/**
 * Puts a section's block under `## <date>`: replaces the block of the same section from an earlier
 * run that day, or adds it at the end of that date (a new date heading goes at the end of the doc).
 */
function mergeResults(doc: string, date: string, name: string, block: string): string {
  const lines = doc.trimEnd().split('\n');
  const head = lines.indexOf(`## ${date}`);
  if (head === -1) return `${lines.join('\n')}\n\n## ${date}\n\n${block}`;
  let end = lines.findIndex((l, i) => i > head && l.startsWith('## '));
  if (end === -1) end = lines.length;
  const open = lines.indexOf(`<!-- bench:${name} -->`, head);
  const close = lines.indexOf(`<!-- /bench:${name} -->`, head);
  const blockLines = block.trimEnd().split('\n');
  if (open !== -1 && open < end && close > open && close < end) {
    lines.splice(open, close - open + 1, ...blockLines);
  } else {
    while (end > head + 1 && lines[end - 1].trim() === '') end--;
    lines.splice(end, 0, '', ...blockLines, ...(end < lines.length ? [''] : []));
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: 'string', multiple: true },
      write: { type: 'boolean' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.list === true) {
    for (const s of SECTIONS) process.stdout.write(`${s.name}\t${s.summary}\n`);
    return 0;
  }
  const chosen = chooseSections(values.only);
  const date = new Date().toISOString().slice(0, 10);
  const path = resolve(DOC);
  let doc = values.write === true && existsSync(path) ? await readFile(path, 'utf8') : '';
  if (values.write === true && doc === '')
    throw new Error(`${DOC} not found (run from the repository root)`);
  for (const suite of chosen) {
    process.stderr.write(`bench: ${suite.name} …\n`);
    const sections = await suite.run();
    const machine = machineLine();
    const markdown = sections.map(renderSection).join('\n');
    process.stdout.write(`## ${suite.name}\n\n_${machine}_\n\n${markdown}\n`);
    if (values.write === true) {
      doc = mergeResults(doc, date, suite.name, resultBlock(suite.name, machine, markdown));
      await writeFile(path, doc);
      process.stderr.write(`bench: ${suite.name} results written to ${DOC}\n`);
    }
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exitCode = 1;
}
