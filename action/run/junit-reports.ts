import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import fg from "fast-glob";

export interface Report {
  path: string;
  xml: string;
}

/**
 * JUnit XML files matching the globs, remembered by modification time and size so that a
 * report left by an earlier step is not sent, and a report a later batch rewrites is sent again.
 */
export class JUnitCollector {
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly workspace: string,
    private readonly globs: readonly string[],
  ) {}

  private async current(): Promise<Map<string, string>> {
    const stamps = new Map<string, string>();
    if (this.globs.length === 0) return stamps;
    const paths = await fg([...this.globs], {
      cwd: this.workspace,
      onlyFiles: true,
      dot: true,
      ignore: ["**/node_modules/**"],
    });
    for (const path of paths.sort()) {
      const info = await stat(join(this.workspace, path)).catch(() => undefined);
      if (info) stamps.set(path, `${info.mtimeMs}:${info.size}`);
    }
    return stamps;
  }

  /** Call before the tests run: what exists now is not theirs. */
  async baseline(): Promise<void> {
    for (const [path, stamp] of await this.current()) this.seen.set(path, stamp);
  }

  /** Reports written or rewritten since the last call. */
  async collect(): Promise<Report[]> {
    const reports: Report[] = [];
    for (const [path, stamp] of await this.current()) {
      if (this.seen.get(path) === stamp) continue;
      this.seen.set(path, stamp);
      reports.push({ path, xml: await readFile(join(this.workspace, path), "utf8") });
    }
    return reports;
  }
}
