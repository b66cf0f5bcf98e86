import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redecideWithCoverage } from "../../selector/coverage/redecide.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { commitSource } from "../../selector/repo/revision-source.js";
import type { SelectInRepoOutput } from "../../selector/select/select-in-repo.js";
import type { Decision } from "../../selector/select/types.js";
import { readCoverageStore, recordCoverage } from "../../selector/state/coverage-store.js";
import type { SuiteResult } from "./suite-report.js";

/**
 * The action's decision without a service, replayed: the graph and the cold-start rule at the
 * threshold, then the coverage records its own CI kept in `.git/superplane/coverage.json`. That CI
 * has no model and no canary: it runs what this arm selects (every test only on a full selection),
 * and keeps the records of the tests it ran that passed, newest per test, through the real store.
 */
export class NoServiceArm {
  private constructor(private readonly stateDir: string) {}

  static async create(): Promise<NoServiceArm> {
    return new NoServiceArm(await mkdtemp(join(tmpdir(), "superplane-eval-no-service-")));
  }

  /** What `.git/superplane/coverage.json` holds now. */
  async records(): Promise<CoverageRecord[]> {
    const loaded = await readCoverageStore(this.stateDir);
    if (loaded.warning) throw new Error(loaded.warning);
    return loaded.value;
  }

  /**
   * Decides as the action's `decideLocally` does (the same `redecideWithCoverage`), on a copy of
   * the selection: the other arms keep the graph's own evidence. Answers the decisions, the tests
   * the records cleared with the record that cleared each, and the time the records took.
   */
  async decide(
    repoDir: string,
    head: string,
    selection: SelectInRepoOutput,
  ): Promise<{ decisions: Decision[]; cleared: Map<string, CoverageRecord>; ms: number }> {
    const started = performance.now();
    const copy: SelectInRepoOutput = {
      ...selection,
      result: { ...selection.result },
      evidence: selection.evidence.map((e) => ({ ...e })),
    };
    const records = await this.records();
    const byTest = new Map(records.map((r) => [r.test, r]));
    if (copy.result.mode === "selective" && records.length > 0) {
      await redecideWithCoverage(copy, repoDir, await commitSource(repoDir, head), records);
    }
    const cleared = new Map(
      copy.evidence.flatMap((e) => {
        const record = e.coverage?.clear ? byTest.get(e.path) : undefined;
        return record ? [[e.path, record] as const] : [];
      }),
    );
    return { decisions: copy.result.decisions, cleared, ms: performance.now() - started };
  }

  /** After the CI's run: the records of the tests it ran (`all` on a full selection) that passed. */
  async keep(records: readonly CoverageRecord[], results: SuiteResult, ran: ReadonlySet<string> | "all") {
    const passed = records.filter(
      (r) => results.get(r.test)?.outcome === "passed" && (ran === "all" || ran.has(r.test)),
    );
    if (passed.length > 0) await recordCoverage(this.stateDir, passed);
  }

  async remove(): Promise<void> {
    await rm(this.stateDir, { recursive: true, force: true });
  }
}
