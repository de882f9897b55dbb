import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { holdsDataFiles } from '../../data/dataset-presence.finder.js';
import { ANNEX_FILE_NAMES } from '../../data/generator/annex-format.js';
import { generateDataset, type GeneratorSummary } from '../../data/generator/dataset.generator.js';
import {
  GENERATOR_LIMITS,
  GeneratorOptionsError,
  type GeneratorLanguage,
  type GeneratorOptions,
} from '../../data/generator/generator-options.js';
import { removeOnInterrupt } from '../interrupt-cleanup.js';
import { refuseFileAsOutputFolder } from '../output-paths.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { optDate, optEnum, optInt, reqString } from '../option-readers.js';
import { formatSeconds } from '../progress-bar.js';
import { makeDirs } from '../../common/make-dirs.js';

const LANGS: readonly GeneratorLanguage[] = ['en', 'cn'];

/** Refuses a target that is a file, or a folder that already holds data (it would be replaced). */
async function checkGenerateTarget(out: string): Promise<void> {
  refuseFileAsOutputFolder('--out', out);
  if (!existsSync(out)) return;
  const annex = Object.values(ANNEX_FILE_NAMES).filter((name) => existsSync(join(out, name)));
  if (annex.length > 0 || (await holdsDataFiles(out)))
    throw new UsageError(
      `--out ${out} already holds data files${annex.length > 0 ? ` (${annex.join(', ')})` : ''}: generating would replace them; give a new or empty folder`,
    );
}

/**
 * Generates into a hidden temporary folder next to `out`, then moves the four files into `out`:
 * a failed or interrupted run (Ctrl-C) leaves no truncated dataset that would read as a valid,
 * smaller one.
 */
async function generateInto(
  out: string,
  options: Partial<GeneratorOptions>,
): Promise<GeneratorSummary> {
  const dir = resolve(out);
  await makeDirs(dirname(dir));
  const temp = await mkdtemp(join(dirname(dir), `.${basename(dir)}-`));
  const release = removeOnInterrupt(temp);
  try {
    const summary = await generateDataset(temp, options);
    await makeDirs(dir);
    for (const name of Object.values(ANNEX_FILE_NAMES))
      await rename(join(temp, name), join(dir, name));
    return summary;
  } finally {
    await rm(temp, { recursive: true, force: true });
    release();
  }
}

export const dataGenerateCommand: CliCommand = {
  path: ['data', 'generate'],
  summary:
    'Write a synthetic store (annex1-4.csv, EN or CN headers) shaped like the real data; defaults: 251 items × 1,095 days',
  usage:
    'freshcast data generate --out DIR [--items N] [--days N] [--start YYYY-MM-DD] [--seed N] [--lang en|cn]',
  options: {
    out: { type: 'string' },
    items: { type: 'string' },
    days: { type: 'string' },
    start: { type: 'string' },
    seed: { type: 'string' },
    lang: { type: 'string' },
  },
  async run({ values, io }) {
    const out = reqString(values, 'out');
    const { minItems, maxItems, minDays, maxDays } = GENERATOR_LIMITS;
    const options = {
      items: optInt(values, 'items', minItems, maxItems),
      days: optInt(values, 'days', minDays, maxDays),
      start: optDate(values, 'start'),
      seed: optInt(values, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      lang: optEnum(values, 'lang', LANGS),
    };
    await checkGenerateTarget(out);
    const started = performance.now();
    io.err(`generating into ${out} …\n`);
    const summary = await generateInto(out, options).catch((err: unknown) => {
      throw err instanceof GeneratorOptionsError ? new UsageError(err.message) : err;
    });
    io.err(`generated in ${formatSeconds((performance.now() - started) / 1000)}\n`);
    const { rows, options: used } = summary;
    io.out(
      [
        `${resolve(out)} (${used.lang}, seed ${used.seed}): ${used.items} items × ${used.days} days, ${summary.firstDate} … ${summary.lastDate}`,
        `  annex1.csv  ${rows.items.toLocaleString('en-US')} items`,
        `  annex2.csv  ${rows.sales.toLocaleString('en-US')} sales lines (${summary.returnLines.toLocaleString('en-US')} returns)`,
        `  annex3.csv  ${rows.wholesale.toLocaleString('en-US')} wholesale quotes`,
        `  annex4.csv  ${rows.lossRates.toLocaleString('en-US')} loss rates`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
