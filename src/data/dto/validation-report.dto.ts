import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  FileKind,
  FileReport,
  IssueCode,
  ReportSummary,
  Severity,
  ValidationReport,
} from '../validation/validation-report.types.js';
import { KIND_LABELS } from '../validation/validation-report.types.js';

const FILE_KINDS = Object.keys(KIND_LABELS) as FileKind[];
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Swagger schemas of the validation report (types in data/validation/validation-report.types.ts). */
export class IssueExampleDto {
  @ApiPropertyOptional({ example: 12, description: 'File line, 1-based (header = line 1)' })
  line?: number;

  @ApiPropertyOptional({ example: 'Quantity Sold (kilo)' })
  column?: string;

  @ApiPropertyOptional({ example: 'abc' })
  value?: string;

  @ApiPropertyOptional()
  detail?: string;
}

export class ValidationIssueDto {
  @ApiProperty({ example: 'bad-number', description: 'Stable issue code' })
  code!: IssueCode;

  @ApiProperty({ enum: SEVERITIES })
  severity!: Severity;

  @ApiPropertyOptional({ description: 'Column (header as written) the issue is about' })
  column?: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'Number of occurrences' })
  count!: number;

  @ApiProperty({ type: [IssueExampleDto], description: 'The first few occurrences' })
  examples!: IssueExampleDto[];
}

export class DateSpanDto {
  @ApiProperty({ example: '2020-07-01' })
  start!: string;

  @ApiProperty({ example: '2023-06-30' })
  end!: string;

  @ApiProperty({ example: 1095, description: 'Calendar days, inclusive' })
  days!: number;
}

export class FileReportDto {
  @ApiProperty({ example: 'annex2.csv' })
  file!: string;

  @ApiProperty({ enum: FILE_KINDS })
  kind!: FileKind;

  @ApiProperty({ description: 'Data records read' })
  rows!: number;

  @ApiProperty({ description: 'Records kept after parsing' })
  rows_kept!: number;

  @ApiProperty({ example: 'utf-8' })
  encoding!: string;

  @ApiProperty({ type: [String] })
  columns_found!: string[];

  @ApiProperty({ type: [String] })
  columns_missing!: string[];

  @ApiProperty({ type: DateSpanDto, nullable: true })
  date_range!: DateSpanDto | null;

  @ApiProperty({ type: [ValidationIssueDto] })
  errors!: ValidationIssueDto[];

  @ApiProperty({ type: [ValidationIssueDto] })
  warnings!: ValidationIssueDto[];

  @ApiProperty({ type: [ValidationIssueDto] })
  notes!: ValidationIssueDto[];
}

export class ReportSummaryDto {
  @ApiProperty({ description: 'No errors: the data can be used (warnings allowed)' })
  ok!: boolean;

  @ApiProperty()
  has_errors!: boolean;

  @ApiProperty({ description: 'No errors and no warnings' })
  clean!: boolean;

  @ApiProperty()
  error_count!: number;

  @ApiProperty()
  warning_count!: number;

  @ApiProperty()
  files!: number;

  @ApiProperty({ enum: FILE_KINDS, isArray: true })
  kinds!: FileKind[];

  @ApiProperty({ enum: FILE_KINDS, isArray: true })
  missing_kinds!: FileKind[];

  @ApiProperty({ type: DateSpanDto, nullable: true })
  date_range!: DateSpanDto | null;

  @ApiProperty({ type: Number, nullable: true })
  items!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  series!: number | null;

  @ApiProperty()
  rows!: number;
}

export class ValidationReportDto {
  @ApiProperty({ example: 1 })
  schema_version!: 1;

  @ApiProperty({ type: [FileReportDto] })
  files!: FileReportDto[];

  @ApiProperty({ type: ReportSummaryDto })
  summary!: ReportSummaryDto;
}

function toFileReportDto(f: FileReport): FileReportDto {
  return {
    file: f.file,
    kind: f.kind,
    rows: f.rows,
    rows_kept: f.rowsKept,
    encoding: f.encoding,
    columns_found: f.columnsFound,
    columns_missing: f.columnsMissing,
    date_range: f.dateRange,
    errors: f.errors,
    warnings: f.warnings,
    notes: f.notes,
  };
}

function toReportSummaryDto(s: ReportSummary): ReportSummaryDto {
  return {
    ok: s.ok,
    has_errors: s.hasErrors,
    clean: s.clean,
    error_count: s.errorCount,
    warning_count: s.warningCount,
    files: s.files,
    kinds: s.kinds,
    missing_kinds: s.missingKinds,
    date_range: s.dateRange,
    items: s.items,
    series: s.series,
    rows: s.rows,
  };
}

/** The report as answers and `freshcast data validate --json` write it: snake_case, like every answer. */
export function toValidationReportDto(r: ValidationReport): ValidationReportDto {
  return {
    schema_version: r.schemaVersion,
    files: r.files.map(toFileReportDto),
    summary: toReportSummaryDto(r.summary),
  };
}
