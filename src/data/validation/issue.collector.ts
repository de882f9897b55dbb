import type {
  IssueCode,
  IssueExample,
  Severity,
  ValidationIssue,
} from './validation-report.types.js';

export const DEFAULT_MAX_EXAMPLES = 5;

/**
 * Accumulates issues of one file: a count per (code, severity, column, message) and the first few
 * examples.
 * Memory stays bounded however many rows are bad.
 */
export class IssueCollector {
  private readonly byKey = new Map<string, ValidationIssue>();

  constructor(readonly maxExamples: number = DEFAULT_MAX_EXAMPLES) {}

  /** Records one occurrence (or `count` of them sharing one example). */
  add(
    code: IssueCode,
    severity: Severity,
    message: string,
    example?: IssueExample,
    count = 1,
  ): void {
    const issue = this.entry(code, severity, message, example?.column);
    issue.count += count;
    if (example !== undefined && issue.examples.length < this.maxExamples) {
      issue.examples.push(example);
    }
  }

  /** Records an aggregate: `count` occurrences, with examples chosen by the caller. */
  addAll(
    code: IssueCode,
    severity: Severity,
    message: string,
    count: number,
    examples: readonly IssueExample[],
    column?: string,
  ): void {
    if (count <= 0) return;
    const issue = this.entry(code, severity, message, column);
    issue.count += count;
    for (const ex of examples) {
      if (issue.examples.length >= this.maxExamples) break;
      issue.examples.push(ex);
    }
  }

  has(severity: Severity): boolean {
    for (const issue of this.byKey.values()) if (issue.severity === severity) return true;
    return false;
  }

  count(code: IssueCode): number {
    let n = 0;
    for (const issue of this.byKey.values()) if (issue.code === code) n += issue.count;
    return n;
  }

  list(severity: Severity): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    for (const issue of this.byKey.values()) {
      if (issue.severity === severity) out.push({ ...issue, examples: [...issue.examples] });
    }
    return out;
  }

  private entry(
    code: IssueCode,
    severity: Severity,
    message: string,
    column: string | undefined,
  ): ValidationIssue {
    const key = `${code}\u0000${severity}\u0000${column ?? ''}\u0000${message}`;
    let issue = this.byKey.get(key);
    if (issue === undefined) {
      issue =
        column === undefined
          ? { code, severity, message, count: 0, examples: [] }
          : { code, severity, column, message, count: 0, examples: [] };
      this.byKey.set(key, issue);
    }
    return issue;
  }
}
