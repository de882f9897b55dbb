import { basename } from 'node:path';
import type { AnnexData } from '../annex.types.js';
import { discoverDataFiles, type DataDirListing } from '../readers/annex-dir.reader.js';
import type { AnyFileRead } from '../readers/file-read.types.js';
import type { ReadInput } from '../readers/read-input.source.js';
import { readTable } from '../readers/table.reader.js';
import { validateAnnexFiles, type AnnexReads, type ValidationOptions } from './annex.validator.js';
import { longFileReport } from './long-format.validator.js';
import { LongStreamChecks } from './long-format.stream.js';
import { HeldRows, ValidationTooLargeError } from './validation-limits.js';
import { assembleReport, buildFileReport, fileNotice } from './report.builder.js';
import { IssueCollector } from './issue.collector.js';
import {
  type DateSpan,
  type FileReport,
  type TableKind,
  type ValidationReport,
} from './validation-report.types.js';

/** One uploaded file. */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** One uploaded file as it arrives: its bytes are read once, in order, while the upload goes on. */
export interface StreamedUpload {
  name: string;
  input: AsyncIterable<Uint8Array>;
}

interface Source {
  name: string;
  input: ReadInput;
  /** Read as this kind (files found by name in a folder); detected from the header otherwise. */
  kind?: TableKind;
  /** Set when the file is not used (another file of its kind is). */
  duplicateOf?: string;
}

/** The one-pass long-format checks of a source, used when the file turns out to be long format. */
interface LongChecks {
  checks: LongStreamChecks;
  issues: IssueCollector;
}

async function readSafely(
  src: Source,
  opts: ValidationOptions,
  held: HeldRows,
  long: LongChecks,
): Promise<AnyFileRead | FileReport> {
  try {
    return await readTable(src.input, {
      name: src.name,
      kind: src.kind,
      maxExamples: opts.maxExamples,
      longRows: long.checks,
      onRowKept: () => held.hold(src.name),
    });
  } catch (err) {
    if (err instanceof ValidationTooLargeError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    return fileNotice(src.name, 'unknown', (issues) =>
      issues.add('unreadable-file', 'error', `the file could not be read: ${reason}`),
    );
  }
}

function isReport(v: AnyFileRead | FileReport): v is FileReport {
  return 'errors' in v;
}

/**
 * Reads and validates a set of files whose kinds are found from their headers (and names): any
 * subset of the four annex files, and/or long-format files. Files of the same annex kind after the
 * first are reported but not used. Never throws for bad content: unreadable, binary or empty files
 * get an error entry; only more rows than `opts.held` allows stop it (ValidationTooLargeError, 413).
 * Long-format files are checked in one pass as they are read, their rows never kept.
 */
async function validateSources(
  sources: Iterable<Source> | AsyncIterable<Source>,
  opts: ValidationOptions & { expectAnnex?: boolean },
): Promise<{ files: FileReport[]; facts: ValidationFacts }> {
  const slots: (FileReport | null)[] = [];
  const annexSlot = new Map<string, number>();
  const annex: Partial<AnnexData> = {};
  const reads: AnnexReads = {};
  const longs: { slot: number; read: Extract<AnyFileRead, { kind: 'long' }>; long: LongChecks }[] =
    [];
  const seen = new Map<TableKind, string>();
  const held = opts.held ?? new HeldRows();
  for await (const src of sources) {
    const issues = new IssueCollector(opts.maxExamples);
    const long = { issues, checks: new LongStreamChecks(issues, held, src.name) };
    const r = await readSafely(src, opts, held, long);
    if (isReport(r)) {
      slots.push(r);
      continue;
    }
    const first = r.kind === 'unknown' || r.kind === 'long' ? undefined : seen.get(r.kind);
    const duplicateOf = src.duplicateOf ?? first;
    if (r.kind === 'unknown' || duplicateOf !== undefined) {
      const checks = new IssueCollector(opts.maxExamples);
      if (duplicateOf !== undefined) {
        checks.add('duplicate-file', 'warning', `another ${r.kind} file is used: ${duplicateOf}`);
      }
      slots.push(
        buildFileReport({
          meta: r.meta,
          file: src.name,
          kind: r.kind,
          rows: 0,
          checks,
          dateRange: null,
        }),
      );
      continue;
    }
    seen.set(r.kind, src.name);
    slots.push(null);
    const slot = slots.length - 1;
    switch (r.kind) {
      case 'long':
        longs.push({ slot, read: r, long });
        break;
      case 'annex1':
        annex.items = r.data;
        break;
      case 'annex2':
        annex.sales = r.data;
        break;
      case 'annex3':
        annex.wholesale = r.data;
        break;
      case 'annex4':
        annex.lossRates = r.data;
        break;
    }
    if (r.kind !== 'long') {
      reads[r.kind] = r.meta;
      annexSlot.set(r.kind, slot);
    }
  }

  const facts: ValidationFacts = { dateRange: null, items: null, series: null, missingKinds: [] };
  const extra: FileReport[] = [];
  if (annexSlot.size > 0 || opts.expectAnnex === true) {
    const v = validateAnnexFiles(annex, reads, { ...opts, expectAll: opts.expectAnnex });
    for (const report of v.files) {
      const slot = annexSlot.get(report.kind);
      if (slot === undefined) extra.push(report);
      else slots[slot] = report;
    }
    Object.assign(facts, v.facts);
  }
  for (const { slot, read, long } of longs) {
    const v = longFileReport(long.checks, long.issues, read.meta);
    slots[slot] = v.file;
    facts.dateRange ??= v.dateRange;
    facts.series ??= v.series;
  }
  const files = [...slots.filter((f): f is FileReport => f !== null), ...extra];
  return { files, facts };
}

interface ValidationFacts {
  dateRange: DateSpan | null;
  items: number | null;
  series: number | null;
  missingKinds: FileReport['kind'][];
}

/**
 * Validates uploaded files (POST /data/validate): each file's kind is detected from its header
 * (annex1..4 in English or Chinese, or long format), and whatever subset was uploaded is checked,
 * across files too. Never throws for bad content.
 */
export async function validateUploads(
  files: readonly UploadedFile[],
  opts: ValidationOptions = {},
): Promise<ValidationReport> {
  if (files.length === 0) {
    const none = fileNotice('(none)', 'unknown', (issues) =>
      issues.add('missing-file', 'error', 'no file was uploaded'),
    );
    return assembleReport([none], { dateRange: null, items: null, series: null, missingKinds: [] });
  }
  const { files: reports, facts } = await validateSources(
    files.map((f) => ({ name: f.name, input: f.bytes })),
    opts,
  );
  return assembleReport(reports, facts);
}

/**
 * Validates files as they arrive (POST /data/validate): each is read through the streaming readers
 * while the request body is still coming in, so an upload is never held in memory whole, only what
 * the readers keep of it (the typed columns the checks across files need). Same report as
 * `validateUploads`; errors thrown by `files` (a limit hit, a malformed body) go through.
 */
export async function validateUploadStream(
  files: AsyncIterable<StreamedUpload>,
  opts: ValidationOptions = {},
): Promise<ValidationReport> {
  let count = 0;
  async function* sources(): AsyncGenerator<Source> {
    for await (const f of files) {
      count++;
      yield { name: f.name, input: f.input };
    }
  }
  const { files: reports, facts } = await validateSources(sources(), opts);
  if (count === 0) return validateUploads([], opts);
  return assembleReport(reports, facts);
}

function skippedNotices(listing: DataDirListing): FileReport[] {
  return listing.skipped
    .filter((s) => s.why !== 'duplicate')
    .map((s) =>
      fileNotice(s.name, 'unknown', (issues) =>
        issues.add(
          'ignored-file',
          s.why === 'workbook' ? 'warning' : 'info',
          `ignored: ${s.reason}`,
        ),
      ),
    );
}

/**
 * Validates a data folder (`freshcast data validate --data DIR`): the four annex files by name or
 * header (absent ones reported: item master and sales as errors) or long-format files.
 */
export async function validateDataDir(
  dir: string,
  opts: ValidationOptions = {},
): Promise<ValidationReport> {
  const listing = await discoverDataFiles(dir);
  if (listing.error !== undefined) {
    const notice = fileNotice(dir, 'unknown', (issues) =>
      issues.add('unreadable-file', 'error', `the data folder cannot be read: ${listing.error}`),
    );
    return assembleReport([notice], {
      dateRange: null,
      items: null,
      series: null,
      missingKinds: [],
    });
  }
  const sources: Source[] = [];
  for (const [kind, paths] of listing.byKind) {
    const used = basename(paths[0]);
    paths.forEach((path, i) => {
      const source: Source = { name: basename(path), input: path, kind };
      sources.push(i === 0 || kind === 'long' ? source : { ...source, duplicateOf: used });
    });
  }
  const hasLong = listing.byKind.has('long');
  const hasAnnex = [...listing.byKind.keys()].some((k) => k !== 'long');
  const { files, facts } = await validateSources(sources, {
    ...opts,
    held: opts.held ?? new HeldRows(Infinity),
    expectAnnex: hasAnnex || !hasLong,
  });
  return assembleReport([...files, ...skippedNotices(listing)], facts);
}
