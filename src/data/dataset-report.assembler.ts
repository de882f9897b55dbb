import type { AnnexData, LongSeriesColumns } from './annex.types.js';
import type { FileReadMeta } from './readers/file-read.types.js';
import type { IgnoredDataFile } from './dataset-source.finder.js';
import {
  validateAnnexFiles,
  type AnnexReads,
  type ValidationOptions,
} from './validation/annex.validator.js';
import { validateLongFile } from './validation/long-format.validator.js';
import { assembleReport, fileNotice } from './validation/report.builder.js';
import type { FileReport, ValidationReport } from './validation/validation-report.types.js';

function notices(ignored: readonly IgnoredDataFile[]): FileReport[] {
  return ignored.map((f) =>
    fileNotice(f.name, f.kind, (issues) => issues.add(f.code, f.severity, f.reason)),
  );
}

function isMissing(f: FileReport): boolean {
  return [...f.errors, ...f.warnings].some((i) => i.code === 'missing-file');
}

/**
 * The report of annex files already read (same checks and order as validateDataDir: files found,
 * then the missing ones (item master and sales as errors), then files not used).
 */
export function reportAnnexRead(
  data: AnnexData,
  reads: AnnexReads,
  ignored: readonly IgnoredDataFile[],
  opts: ValidationOptions = {},
): ValidationReport {
  const v = validateAnnexFiles(data, reads, { ...opts, expectAll: true });
  const files = [
    ...v.files.filter((f) => !isMissing(f)),
    ...v.files.filter(isMissing),
    ...notices(ignored),
  ];
  return assembleReport(files, v.facts);
}

/** The report of a long-format file already read, plus the folder's files not used. */
export function reportLongRead(
  data: LongSeriesColumns,
  meta: FileReadMeta,
  ignored: readonly IgnoredDataFile[],
  opts: ValidationOptions = {},
): ValidationReport {
  const v = validateLongFile(data, meta, opts);
  return assembleReport([v.file, ...notices(ignored)], {
    dateRange: v.dateRange,
    items: null,
    series: v.series,
    missingKinds: [],
  });
}
