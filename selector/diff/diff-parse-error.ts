/** A diff given as text that cannot be trusted; names where, so the user can fix the input. */
export class DiffParseError extends Error {
  override name = "DiffParseError";
  /** 1-based line of the text where the problem was found, when there is one. */
  readonly line?: number;
  /** The file the text came from (`-` for standard input), when known. */
  readonly source?: string;
  /** The message without the place, to re-raise with a file name. */
  readonly detail: string;

  constructor(detail: string, options: { line?: number; source?: string; cause?: unknown } = {}) {
    const where = [options.source, options.line === undefined ? undefined : `line ${options.line}`]
      .filter((part) => part !== undefined)
      .join(":");
    super(
      where ? `${where}: ${detail}` : detail,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.detail = detail;
    if (options.line !== undefined) this.line = options.line;
    if (options.source !== undefined) this.source = options.source;
  }
}
