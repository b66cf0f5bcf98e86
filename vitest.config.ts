import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Tests that call the extractor directly need the WASM parser loaded first; see the setup file. */
const PARSER = ["test/setup/load-parser.ts"];

/**
 * `npm test` runs every project; `npx vitest run --project <name>` runs one. Project names sort in
 * the order the files start (e2e first: its files are the longest, so they must not be the tail).
 */
export default defineConfig({
  test: {
    exclude: ["**/node_modules/**", "test/fixtures/**", "test/soundness/cases/**", "build/**"],
    testTimeout: 30_000,
    // Hooks open PostgreSQL storages: a fresh schema's migrations, on a server other runs share,
    // took past Vitest's default 10 s in 1 service run of 4 with four workers at load 20.
    hookTimeout: 30_000,
    // Vitest's default on a 2-core machine is one worker, and most files wait on git, child
    // processes, PostgreSQL or sockets rather than on the CPU: with two workers the run used half of
    // two cores, with four most of them (docs/decisions.md, "The suite, third part").
    maxWorkers: Math.max(4, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["selector/**/*.test.ts", "contract/**/*.test.ts", "research/**/*.test.ts"],
          setupFiles: PARSER,
          // Pure code on literal inputs and temp repositories: no signal handlers, environment or
          // servers to leak, so the files share a thread and import the selector (and TypeScript)
          // once, not once per file.
          pool: "threads",
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "scenarios",
          include: ["test/scenarios/**/*.test.ts", "test/soundness/**/*.test.ts"],
          setupFiles: PARSER,
          // The selection end to end on fixture repositories. A process, not a thread: the files spawn
          // git and runners by the hundred, and forking a process whose other thread holds a large
          // heap costs more than the spawn. One process for all the files, like the unit project.
          pool: "forks",
          isolate: false,
          // Each file runs its cases side by side (describe.concurrent), three at a time: with the
          // other files in flight that keeps each case far from its timeout.
          maxConcurrency: 3,
        },
      },
      {
        extends: true,
        test: {
          name: "service",
          include: [
            "service/**/*.test.ts",
            "action/**/*.test.ts",
            "cli/**/*.test.ts",
            "test/docs/**/*.test.ts",
          ],
          setupFiles: PARSER,
          // One process per worker for all the files, like `scenarios`: each file imported the
          // selector, TypeScript, fastify and the WASM parser again in a process of its own (about
          // 0.6 s of CPU a file). What a file sets up it takes down: servers and storages closed,
          // environment stubbed with vi.stubEnv (undone here before each test as well), spies
          // restored, nock active only while its file runs (test/support/github-nock.ts), `serve`
          // stopped by the test rather than by a signal handler left on the process. No file needs
          // a process of its own: none mocks a module (vi.mock), changes directory or exits. A
          // process, not a thread: the files spawn git, runners and replicas, and a thread pool
          // measured 20% more CPU and 30% more wall time (docs/decisions.md).
          pool: "forks",
          isolate: false,
          unstubEnvs: true,
          restoreMocks: true,
        },
      },
      {
        extends: true,
        // The built action, the bundled CLI and the documented examples, run as users run them.
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], pool: "forks" },
      },
      {
        extends: true,
        // `superplane serve` processes killed, restarted and cut off from their database, from a
        // CLI bundled once for the project (test/setup/bundle-cli.ts).
        test: {
          name: "fault",
          include: ["test/fault/**/*.test.ts"],
          pool: "forks",
          globalSetup: ["test/setup/bundle-cli.ts"],
        },
      },
    ],
  },
});
