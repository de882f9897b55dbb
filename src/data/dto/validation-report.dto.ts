import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FileKind, IssueCode, Severity } from '../validation/validation-report.types.js';
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
  rowsKept!: number;

  @ApiProperty({ example: 'utf-8' })
  encoding!: string;

  @ApiProperty({ type: [String] })
  columnsFound!: string[];

  @ApiProperty({ type: [String] })
  columnsMissing!: string[];

  @ApiProperty({ type: DateSpanDto, nullable: true })
  dateRange!: DateSpanDto | null;

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
  hasErrors!: boolean;

  @ApiProperty({ description: 'No errors and no warnings' })
  clean!: boolean;

  @ApiProperty()
  errorCount!: number;

  @ApiProperty()
  warningCount!: number;

  @ApiProperty()
  files!: number;

  @ApiProperty({ enum: FILE_KINDS, isArray: true })
  kinds!: FileKind[];

  @ApiProperty({ enum: FILE_KINDS, isArray: true })
  missingKinds!: FileKind[];

  @ApiProperty({ type: DateSpanDto, nullable: true })
  dateRange!: DateSpanDto | null;

  @ApiProperty({ type: Number, nullable: true })
  items!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  series!: number | null;

  @ApiProperty()
  rows!: number;
}

export class ValidationReportDto {
  @ApiProperty({ example: 1 })
  schemaVersion!: 1;

  @ApiProperty({ type: [FileReportDto] })
  files!: FileReportDto[];

  @ApiProperty({ type: ReportSummaryDto })
  summary!: ReportSummaryDto;
}
