/**
 * The `run` input with its placeholders filled: `{tests}` (the test paths, quoted for the
 * shell) and `{tests_file}` (a file listing them, one a line). Pure; the shell is a parameter.
 */
export type Shell = "posix" | "cmd";

/**
 * The longest command a batch may be. Linux caps one argument (the `sh -c` script) at 128 KiB;
 * cmd.exe caps a command line at 8,191 characters. Both leave room for the runner's own text.
 */
export const SAFE_LENGTH: Record<Shell, number> = { posix: 100_000, cmd: 8_000 };

export interface Batch {
  command: string;
  tests: string[];
}

const POSIX_SAFE = /^[A-Za-z0-9_./@%+=:,-]+$/;

export function quote(arg: string, shell: Shell): string {
  if (shell === "cmd") return /[\s&|<>^()"%!]/.test(arg) ? `"${arg.replaceAll('"', '""')}"` : arg;
  return POSIX_SAFE.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

export function expand(template: string, tests: readonly string[], testsFile: string, shell: Shell): string {
  const list = tests.map((test) => quote(test, shell)).join(" ");
  return template.replaceAll("{tests_file}", quote(testsFile, shell)).replaceAll("{tests}", list);
}

/**
 * The commands to run. One, unless `{tests}` would make it longer than the shell takes: then
 * the tests are split into batches that each fit, run one after another. Each batch gets its
 * own list file, named by `fileFor(batchIndex)`. Zero tests: no command at all.
 */
export function planBatches(
  template: string,
  tests: readonly string[],
  fileFor: (batch: number) => string,
  shell: Shell,
  limit = SAFE_LENGTH[shell],
): Batch[] {
  if (tests.length === 0) return [];
  const whole = expand(template, tests, fileFor(0), shell);
  if (!template.includes("{tests}") || whole.length <= limit) return [{ command: whole, tests: [...tests] }];
  // The longest list-file name any batch could get, so no batch's own name tips it over.
  const fixed = expand(template, [], fileFor(Number.MAX_SAFE_INTEGER), shell).length;
  const occurrences = template.split("{tests}").length - 1;
  const batches: Batch[] = [];
  let current: string[] = [];
  let length = fixed;
  for (const test of tests) {
    const cost = (quote(test, shell).length + 1) * occurrences;
    if (current.length > 0 && length + cost > limit) {
      batches.push({ command: "", tests: current });
      current = [];
      length = fixed;
    }
    current.push(test);
    length += cost;
  }
  batches.push({ command: "", tests: current });
  return batches.map((batch, index) => ({
    command: expand(template, batch.tests, fileFor(index), shell),
    tests: batch.tests,
  }));
}
