/** One problem in a policy file, positioned at the key (or list item) it names. */
export interface PolicyProblem {
  /** 1-based; 0 when the problem has no position (a missing file). */
  line: number;
  /** 1-based; 0 when the problem has no position. */
  column: number;
  /** Dotted path of the offending key, e.g. `dependencies[1].tests`; "" for the whole file. */
  key: string;
  /** The problem and its fix, without the file prefix. */
  message: string;
}

export interface PolicyErrorDetails {
  file: string;
  line?: number;
  column?: number;
  key?: string;
  errors?: PolicyProblem[];
  cause?: unknown;
}

/** `file:line:column: key: message`, the shape editors and CI logs turn into links. */
export function formatProblem(file: string, problem: PolicyProblem): string {
  const where = problem.line > 0 ? `${file}:${problem.line}:${problem.column}` : file;
  return problem.key ? `${where}: ${problem.key}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * An invalid or unreadable policy file. The message is one line naming the file, the position and
 * the key of the first problem; `errors` holds all of them so a summary can list every fix at once.
 */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly key: string | undefined;
  readonly errors: PolicyProblem[];

  constructor(message: string, details: PolicyErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.key = details.key;
    this.errors = details.errors ?? [];
  }

  /** One error for all problems: the first (in file order) in the message, the rest counted. */
  static fromProblems(file: string, problems: PolicyProblem[], cause?: unknown): PolicyError {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    const first = sorted[0];
    if (!first) return new PolicyError(`${file}: invalid policy`, { file, cause });
    const more = sorted.length > 1 ? ` (+${sorted.length - 1} more)` : "";
    return new PolicyError(`${formatProblem(file, first)}${more}`, {
      file,
      line: first.line,
      column: first.column,
      key: first.key,
      errors: sorted,
      cause,
    });
  }
}
