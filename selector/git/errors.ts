/** Why a git operation failed; each code has one fix the user can act on. */
export type GitErrorCode =
  | "NOT_A_REPO"
  | "UNKNOWN_REVISION"
  | "SHALLOW_CLONE"
  | "NO_MERGE_BASE"
  | "GIT_MISSING"
  | "GIT_FAILED";

export const SHALLOW_FIX =
  "fetch the full history: actions/checkout with fetch-depth: 0, or git fetch --unshallow";

/** A git failure, printed as one line that says what went wrong and how to fix it. */
export class GitError extends Error {
  override name = "GitError";
  readonly code: GitErrorCode;
  /** The revision that could not be used, for UNKNOWN_REVISION and SHALLOW_CLONE. */
  readonly revision?: string;

  constructor(code: GitErrorCode, message: string, options: { cause?: unknown; revision?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.revision !== undefined) this.revision = options.revision;
  }
}

export function notARepo(repoDir: string, cause?: unknown): GitError {
  return new GitError(
    "NOT_A_REPO",
    `not a git repository: ${repoDir} (run inside a git checkout, or point --repo at one)`,
    { cause },
  );
}

export function unknownRevision(revision: string, shallow: boolean, cause?: unknown): GitError {
  if (shallow) {
    return new GitError(
      "SHALLOW_CLONE",
      `revision "${revision}" is not in this shallow clone; ${SHALLOW_FIX}`,
      { cause, revision },
    );
  }
  return new GitError(
    "UNKNOWN_REVISION",
    `unknown revision "${revision}" (check the name, or git fetch the branch or commit first)`,
    { cause, revision },
  );
}

const firstLine = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "") ?? "";

/** Turns a failed git command's stderr into the error a user can act on. Pure, for tests. */
export function classifyGitFailure(
  repoDir: string,
  args: readonly string[],
  stderr: string,
  exitCode: number,
): GitError {
  const cause = new Error(`git ${args.join(" ")} exited ${exitCode}: ${stderr.trim()}`);
  if (/not a git repository/i.test(stderr)) return notARepo(repoDir, cause);
  const unknown =
    /ambiguous argument '([^']*)': unknown revision/.exec(stderr) ??
    /(?:bad revision|bad object|Not a valid object name|invalid object name) '?([^'\s]+)'?/.exec(stderr);
  if (unknown) return unknownRevision(unknown[1] ?? "", false, cause);
  if (/detected dubious ownership/.test(stderr)) {
    return new GitError(
      "GIT_FAILED",
      `git refuses a repository owned by another user: ${repoDir} (git config --global --add safe.directory ${repoDir})`,
      { cause },
    );
  }
  const line = firstLine(stderr) || `exit code ${exitCode}`;
  return new GitError("GIT_FAILED", `git ${args[0] ?? ""} failed: ${line}`, { cause });
}
