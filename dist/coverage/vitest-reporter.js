import { createRequire as __superplaneRequire } from "node:module";
const require = __superplaneRequire(import.meta.url);

// action/coverage/vitest-reporter.ts
import { createHash } from "node:crypto";
import { mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname, join as join2 } from "node:path";
import { fileURLToPath } from "node:url";

// selector/state/file-times-file.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var FILE_TIMES_DIR = "file-times";
function writeFileTimes(coverageDir, runner, files, runMs) {
  const dir = join(coverageDir, FILE_TIMES_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
  const run = runMs !== void 0 && Number.isFinite(runMs) ? { run_ms: Math.round(runMs) } : {};
  writeFileSync(file, JSON.stringify({ version: 1, runner, files, ...run }));
  return file;
}

// action/coverage/vitest-reporter.ts
function fileTimes(modules) {
  return modules.flatMap((module) => {
    if (module.state() === "skipped" || module.state() === "pending") return [];
    const d = module.diagnostic();
    const ms = d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
    return Number.isFinite(ms) ? [{ path: module.moduleId, duration_ms: Math.round(ms) }] : [];
  });
}
var FLAKY_FOLDER = "flaky";
var SETUP = fileURLToPath(new URL("./vitest-setup.js", import.meta.url));
function unrecordable(config) {
  if (config.isolate === false) return "it runs without isolation (test files share loaded modules)";
  if (config.browser?.enabled) return "it runs in a browser";
  if (config.coverage?.enabled && (config.coverage.provider ?? "v8") === "v8") {
    return "Vitest's v8 coverage is on (both would reset the same call counts)";
  }
  return void 0;
}
var SuperPlaneCoverageReporter = class {
  /** When the runner started on the test files: the wall time before it is the command's fixed cost. */
  runStarted;
  onTestRunStart() {
    this.runStarted = performance.now();
  }
  onInit(vitest) {
    if (!process.env.SUPERPLANE_COVERAGE_DIR) {
      process.stderr.write("superplane coverage: SUPERPLANE_COVERAGE_DIR is not set; nothing is recorded\n");
      return;
    }
    for (const project of vitest.projects ?? []) {
      const why = unrecordable(project.config);
      if (why) {
        process.stderr.write(
          `superplane coverage: project ${project.name || "(root)"} is not recorded: ${why}
`
        );
        continue;
      }
      const allow = (project.vite ?? project.server)?.config?.server?.fs?.allow;
      if (allow && !allow.includes(dirname(SETUP))) allow.push(dirname(SETUP));
      project.config.setupFiles = [SETUP, ...project.config.setupFiles.filter((file) => file !== SETUP)];
    }
  }
  onTestRunEnd(modules) {
    const dir = process.env.SUPERPLANE_COVERAGE_DIR;
    if (!dir) return;
    const times = fileTimes(modules);
    const runMs = this.runStarted === void 0 ? void 0 : performance.now() - this.runStarted;
    if (times.length > 0) writeFileTimes(dir, "vitest", times, runMs);
  }
  /** Passed after failing on one run: the file is flaky, a mark the service keeps as well. */
  onTestCaseResult(test) {
    const dir = process.env.SUPERPLANE_COVERAGE_DIR;
    const file = test.module?.moduleId;
    if (!dir || !file || !test.diagnostic?.()?.flaky) return;
    const out = join2(dir, FLAKY_FOLDER);
    mkdirSync2(out, { recursive: true });
    const name = `${createHash("sha1").update(file).digest("hex")}.json`;
    writeFileSync2(join2(out, name), `${JSON.stringify({ version: 1, test: file })}
`);
  }
};
export {
  FLAKY_FOLDER,
  SuperPlaneCoverageReporter as default,
  fileTimes,
  unrecordable
};
//# sourceMappingURL=vitest-reporter.js.map
