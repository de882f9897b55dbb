import {
  KIND_LABELS,
  type DateSpan,
  type FileReport,
  type IssueExample,
  type ValidationIssue,
  type ValidationReport,
} from './validation-report.types.js';

const LABEL = { error: 'ERROR', warning: 'WARN ', info: 'note ' } as const;

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function span(s: DateSpan): string {
  return `${s.start} .. ${s.end} (${num(s.days)} days)`;
}

function plural(n: number, word: string): string {
  return `${num(n)} ${word}${n === 1 ? '' : 's'}`;
}

function example(ex: IssueExample, issueColumn: string | undefined): string {
  const parts: string[] = [];
  if (ex.line !== undefined) parts.push(`line ${num(ex.line)}`);
  if (ex.column !== undefined && ex.column !== issueColumn) parts.push(`[${ex.column}]`);
  if (ex.value !== undefined) parts.push(JSON.stringify(ex.value));
  if (ex.detail !== undefined && ex.detail !== '') parts.push(`(${ex.detail})`);
  return parts.join(' ');
}

function issueLines(issue: ValidationIssue): string[] {
  const column = issue.column === undefined ? '' : `${issue.column}: `;
  const lines = [
    `  ${LABEL[issue.severity]} ${issue.code}  ${column}${issue.message} [${num(issue.count)}]`,
  ];
  for (const ex of issue.examples) lines.push(`           ${example(ex, issue.column)}`);
  if (issue.examples.length > 0 && issue.count > issue.examples.length) {
    lines.push(`           … ${num(issue.count - issue.examples.length)} more`);
  }
  return lines;
}

function fileLines(f: FileReport): string[] {
  const head = [`${f.file} — ${KIND_LABELS[f.kind]}${f.kind === 'unknown' ? '' : ` (${f.kind})`}`];
  const facts: string[] = [];
  if (f.rows > 0 || f.rowsKept > 0) {
    facts.push(
      f.rowsKept === f.rows
        ? plural(f.rows, 'row')
        : `${plural(f.rows, 'row')} (${num(f.rowsKept)} kept)`,
    );
  }
  if (f.encoding !== 'unknown' && f.encoding !== 'none') facts.push(f.encoding);
  if (f.dateRange !== null) facts.push(span(f.dateRange));
  if (facts.length > 0) head.push(`  ${facts.join(' · ')}`);
  if (f.columnsFound.length > 0) head.push(`  columns: ${f.columnsFound.join(', ')}`);
  if (f.columnsMissing.length > 0) head.push(`  missing columns: ${f.columnsMissing.join('; ')}`);
  return [...head, ...[...f.errors, ...f.warnings, ...f.notes].flatMap(issueLines)];
}

/** The report for people: a verdict, the data set's extent, then each file and its issues. */
export function renderReportText(report: ValidationReport): string {
  const s = report.summary;
  const verdict = s.hasErrors ? 'NOT OK' : s.clean ? 'OK' : 'OK with warnings';
  const out = [
    `Data validation: ${verdict}: ${plural(s.errorCount, 'error')}, ${plural(s.warningCount, 'warning')} in ${plural(s.files, 'file')}`,
  ];
  const facts: string[] = [];
  if (s.dateRange !== null) facts.push(span(s.dateRange));
  if (s.items !== null) facts.push(plural(s.items, 'item'));
  if (s.series !== null) facts.push(`${num(s.series)} series with data`);
  facts.push(plural(s.rows, 'row'));
  out.push(facts.join(' · '));
  if (s.missingKinds.length > 0) {
    out.push(`Missing: ${s.missingKinds.map((k) => `${k} (${KIND_LABELS[k]})`).join(', ')}`);
  }
  for (const f of report.files) out.push('', ...fileLines(f));
  return `${out.join('\n')}\n`;
}
