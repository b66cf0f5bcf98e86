/**
 * A Vitest reporter that only switches per-test coverage on: `--reporter=<this file>` puts
 * vitest-setup.js first in every project's setup files, so V8 counts calls from before anything
 * of the project loads. The output directory comes from SUPERPLANE_COVERAGE_DIR. Projects whose
 * runs it cannot record faithfully are left alone, with a warning on stderr: without isolation
 * (test files share loaded modules), in a browser (no V8 inspector in the worker), and with
 * Vitest's own v8 coverage on (both would read and reset the same call counts).
 *
 * It also writes each test file's whole time (file-times-file.ts) for every project, recordable or
 * not: JUnit reports only the tests' own time, not the environment, set-up and import around them.
 * And it notes each test file with a test that passed only on a retry (`--retry`): Vitest's JUnit
 * report shows such a test as passed, with no trace of the failed tries.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FileTime, writeFileTimes } from "../../selector/state/file-times-file.js";

/** The part of a Vite server's config that says which folders it may load files from. */
interface ViteServer {
  config?: { server?: { fs?: { allow?: string[] } } };
}

interface VitestProject {
  name?: string;
  /** The project's Vite server: `vite` in Vitest 4, `server` in Vitest 3. */
  vite?: ViteServer;
  server?: ViteServer;
  config: {
    setupFiles: string[];
    isolate?: boolean;
    browser?: { enabled?: boolean };
    coverage?: { enabled?: boolean; provider?: string };
  };
}

/** What Vitest 3 and 4 tell of a test file when the run ends (TestModule). */
export interface TimedModule {
  moduleId: string;
  state(): string;
  diagnostic(): {
    environmentSetupDuration: number;
    prepareDuration: number;
    collectDuration: number;
    setupDuration: number;
    duration: number;
  };
}

/**
 * A test file's wall time in its worker: environment, Vitest's preparation, set-up files, import
 * and collection (transform included), then its tests and hooks. Files that did not run
 * (skipped, filtered out) measured nothing.
 */
export function fileTimes(modules: readonly TimedModule[]): FileTime[] {
  return modules.flatMap((module) => {
    if (module.state() === "skipped" || module.state() === "pending") return [];
    const d = module.diagnostic();
    const ms =
      d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
    return Number.isFinite(ms) ? [{ path: module.moduleId, duration_ms: Math.round(ms) }] : [];
  });
}
/** Vitest 3+'s finished test (the reporter API's TestCase), as far as it is read here. */
interface FinishedTest {
  module?: { moduleId?: string };
  diagnostic?: () => { flaky?: boolean } | undefined;
}

/** `<SUPERPLANE_COVERAGE_DIR>/flaky/`: one file per flaky test file (selector/state/collector-flaky.ts). */
export const FLAKY_FOLDER = "flaky";

const SETUP = fileURLToPath(new URL("./vitest-setup.js", import.meta.url));

/** Why a project's runs cannot be recorded, or undefined when they can. */
export function unrecordable(config: VitestProject["config"]): string | undefined {
  if (config.isolate === false) return "it runs without isolation (test files share loaded modules)";
  if (config.browser?.enabled) return "it runs in a browser";
  if (config.coverage?.enabled && (config.coverage.provider ?? "v8") === "v8") {
    return "Vitest's v8 coverage is on (both would reset the same call counts)";
  }
  return undefined;
}

export default class SuperPlaneCoverageReporter {
  /** When the runner started on the test files: the wall time before it is the command's fixed cost. */
  private runStarted: number | undefined;

  onTestRunStart(): void {
    this.runStarted = performance.now();
  }

  onInit(vitest: { projects?: VitestProject[] }): void {
    if (!process.env.SUPERPLANE_COVERAGE_DIR) {
      process.stderr.write("superplane coverage: SUPERPLANE_COVERAGE_DIR is not set; nothing is recorded\n");
      return;
    }
    for (const project of vitest.projects ?? []) {
      const why = unrecordable(project.config);
      if (why) {
        process.stderr.write(
          `superplane coverage: project ${project.name || "(root)"} is not recorded: ${why}\n`,
        );
        continue;
      }
      // Vite 6 loads nothing from outside the folders it may serve; the setup file lives with this one.
      const allow = (project.vite ?? project.server)?.config?.server?.fs?.allow;
      if (allow && !allow.includes(dirname(SETUP))) allow.push(dirname(SETUP));
      project.config.setupFiles = [SETUP, ...project.config.setupFiles.filter((file) => file !== SETUP)];
    }
  }

  onTestRunEnd(modules: readonly TimedModule[]): void {
    const dir = process.env.SUPERPLANE_COVERAGE_DIR;
    if (!dir) return;
    const times = fileTimes(modules);
    const runMs = this.runStarted === undefined ? undefined : performance.now() - this.runStarted;
    if (times.length > 0) writeFileTimes(dir, "vitest", times, runMs);
  }

  /** Passed after failing on one run: the file is flaky, a mark the service keeps as well. */
  onTestCaseResult(test: FinishedTest): void {
    const dir = process.env.SUPERPLANE_COVERAGE_DIR;
    const file = test.module?.moduleId;
    if (!dir || !file || !test.diagnostic?.()?.flaky) return;
    const out = join(dir, FLAKY_FOLDER);
    mkdirSync(out, { recursive: true });
    const name = `${createHash("sha1").update(file).digest("hex")}.json`;
    writeFileSync(join(out, name), `${JSON.stringify({ version: 1, test: file })}\n`);
  }
}
