/**
 * Runner configs whose code runs before any test (`vitest.config.ts`, `jest.config.cjs`, a
 * `vitest.workspace.ts`): what they import, and the files they read, count as config.
 */
const RUNNER_CONFIG_FILE =
  /(?:^|\/)(?:vitest|vite|jest)\.(?:config|workspace|projects)(?:\.[\w-]+)?\.[cm]?[jt]s$/;

export const isRunnerConfigFile = (path: string) =>
  RUNNER_CONFIG_FILE.test(path) && !/(?:^|\/)node_modules\//.test(path);
