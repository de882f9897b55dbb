import { generateDataset } from '../../data/generator/dataset.generator.js';
import {
  GENERATOR_LIMITS,
  GeneratorOptionsError,
  type GeneratorLanguage,
} from '../../data/generator/generator-options.js';
import type { CliCommand } from '../command.types.js';
import { UsageError } from '../cli.errors.js';
import { optDate, optEnum, optInt, reqString } from '../option-readers.js';
import { formatSeconds } from '../progress-bar.js';

const LANGS: readonly GeneratorLanguage[] = ['en', 'cn'];

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
    const started = performance.now();
    io.err(`generating into ${out} …\n`);
    const summary = await generateDataset(out, options).catch((err: unknown) => {
      throw err instanceof GeneratorOptionsError ? new UsageError(err.message) : err;
    });
    io.err(`generated in ${formatSeconds((performance.now() - started) / 1000)}\n`);
    const { rows, options: used } = summary;
    io.out(
      [
        `${summary.outDir} (${used.lang}, seed ${used.seed}): ${used.items} items × ${used.days} days, ${summary.firstDate} … ${summary.lastDate}`,
        `  annex1.csv  ${rows.items.toLocaleString('en-US')} items`,
        `  annex2.csv  ${rows.sales.toLocaleString('en-US')} sales lines (${summary.returnLines.toLocaleString('en-US')} returns)`,
        `  annex3.csv  ${rows.wholesale.toLocaleString('en-US')} wholesale quotes`,
        `  annex4.csv  ${rows.lossRates.toLocaleString('en-US')} loss rates`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
