import type { AnnexData } from '../annex.types.js';
import type { FileReadMeta } from '../readers/file-read.types.js';
import { CodeIds, lineMapper, type FileCheckContext } from './check.context.js';
import { IssueCollector } from './issue.collector.js';
import { checkItems } from './items.checks.js';
import { checkLossRates } from './loss-rates.checks.js';
import { assembleReport, buildFileReport, fileNotice, type ReportFacts } from './report.builder.js';
import { checkSales, type SalesFacts } from './sales.checks.js';
import {
  ANNEX_KINDS,
  type AnnexKind,
  type DateSpan,
  type FileReport,
  type IssueExample,
  type ValidationReport,
} from './validation-report.types.js';
import type { HeldRows } from './validation-limits.js';
import { checkWholesale } from './wholesale.checks.js';

/** How each annex file was read (from the readers); kinds without an entry count as absent. */
export type AnnexReads = Partial<Record<AnnexKind, FileReadMeta>>;

export interface ValidationOptions {
  /** Examples kept per issue (default 5). */
  maxExamples?: number;
  /** Report absent annex files: item master and sales as errors, wholesale and loss rates as warnings. */
  expectAll?: boolean;
  /**
   * Counts the rows the validation holds (annex rows kept, distinct long-format keys) and stops it
   * with a 413 past its limit; default: DEFAULT_VALIDATION_MAX_ROWS.
   */
  held?: HeldRows;
}

export interface AnnexValidation {
  files: FileReport[];
  facts: ReportFacts;
}

const MISSING_SEVERITY: Record<AnnexKind, 'error' | 'warning'> = {
  annex1: 'error',
  annex2: 'error',
  annex3: 'warning',
  annex4: 'warning',
};

/** Annex checks without the summary (validateUploads merges them with other files). */
export function validateAnnexFiles(
  data: Partial<AnnexData>,
  reads: AnnexReads = {},
  opts: ValidationOptions = {},
): AnnexValidation {
  const anyRead = ANNEX_KINDS.some((k) => reads[k] !== undefined);
  const present = (k: AnnexKind): boolean =>
    data[ANNEX_KEY[k]] !== undefined && (!anyRead || reads[k] !== undefined);
  // A file that could not be read at all (binary, missing columns…) is reported but not checked.
  const usable = (k: AnnexKind): boolean =>
    present(k) && (tableLength(data, k) > 0 || reads[k]?.issues.has('error') !== true);
  const contexts = new Map<AnnexKind, FileCheckContext>();
  const ctx = (k: AnnexKind): FileCheckContext => {
    let c = contexts.get(k);
    if (c === undefined) {
      c = { issues: new IssueCollector(opts.maxExamples), lineOf: lineMapper(reads[k]?.lines) };
      contexts.set(k, c);
    }
    return c;
  };
  const ranges = new Map<AnnexKind, DateSpan | null>();
  const ids = new CodeIds();
  const items = usable('annex1') ? data.items : undefined;
  let masterSize: number | null = null;
  if (items !== undefined) {
    checkItems(items, ctx('annex1'));
    for (const code of items.code) ids.id(code);
    masterSize = ids.size;
  }
  let salesFacts: SalesFacts | null = null;
  if (usable('annex2') && data.sales !== undefined) {
    salesFacts = checkSales(data.sales, ids, masterSize, ctx('annex2'));
    ranges.set('annex2', salesFacts.span);
    if (items !== undefined) itemsNeverSold(items.code, items.name, ids, salesFacts, ctx('annex2'));
  }
  if (usable('annex3') && data.wholesale !== undefined) {
    const span = checkWholesale(data.wholesale, ids, masterSize, salesFacts, ctx('annex3'));
    ranges.set('annex3', span);
  }
  if (usable('annex4') && data.lossRates !== undefined) {
    checkLossRates(data.lossRates, items ?? null, ctx('annex4'));
  }

  const files: FileReport[] = [];
  const missingKinds: AnnexKind[] = [];
  for (const kind of ANNEX_KINDS) {
    if (!present(kind)) {
      missingKinds.push(kind);
      if (opts.expectAll === true) {
        files.push(
          fileNotice(`${kind}.csv`, kind, (issues) =>
            issues.add('missing-file', MISSING_SEVERITY[kind], `no ${kind} file was found`),
          ),
        );
      }
      continue;
    }
    files.push(
      buildFileReport({
        meta: reads[kind],
        file: kind,
        kind,
        rows: tableLength(data, kind),
        checks: ctx(kind).issues,
        dateRange: ranges.get(kind) ?? null,
      }),
    );
  }
  return {
    files,
    facts: {
      dateRange: ranges.get('annex2') ?? ranges.get('annex3') ?? null,
      items: items === undefined ? null : new Set(items.code).size,
      series: salesFacts?.distinctItems ?? null,
      missingKinds,
    },
  };
}

const ANNEX_KEY = {
  annex1: 'items',
  annex2: 'sales',
  annex3: 'wholesale',
  annex4: 'lossRates',
} as const satisfies Record<AnnexKind, keyof AnnexData>;

function tableLength(data: Partial<AnnexData>, kind: AnnexKind): number {
  switch (kind) {
    case 'annex1':
      return data.items?.code.length ?? 0;
    case 'annex2':
      return data.sales?.length ?? 0;
    case 'annex3':
      return data.wholesale?.length ?? 0;
    case 'annex4':
      return data.lossRates?.code.length ?? 0;
  }
}

function itemsNeverSold(
  codes: readonly string[],
  names: readonly string[],
  ids: CodeIds,
  sales: SalesFacts,
  ctx: FileCheckContext,
): void {
  const seen = new Set<string>();
  const examples: IssueExample[] = [];
  codes.forEach((code, i) => {
    const id = ids.get(code);
    if (seen.has(code) || (id >= 0 && id < sales.linesPerItem.length && sales.linesPerItem[id] > 0))
      return;
    seen.add(code);
    if (examples.length < ctx.issues.maxExamples) examples.push({ value: code, detail: names[i] });
  });
  ctx.issues.addAll(
    'items-never-sold',
    'warning',
    'items of the item master without any sales line',
    seen.size,
    examples,
  );
}

/**
 * Validates the retailer's files (any subset): per-file checks plus cross-file ones (unknown item
 * codes, items never sold, markup of selling over wholesale price, loss rates per item). `reads`
 * adds what reading found (parse errors, columns, line numbers); without it, rows are numbered as
 * if line = row + 2.
 */
export function validateAnnex(
  data: Partial<AnnexData>,
  reads: AnnexReads = {},
  opts: ValidationOptions = {},
): ValidationReport {
  const { files, facts } = validateAnnexFiles(data, reads, opts);
  return assembleReport(files, facts);
}
