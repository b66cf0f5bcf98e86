import type { GraphEdge } from "../types.js";

export interface RunnerProject {
  /** The runner config file (vitest.config.ts, jest.config.js, package.json with `jest`). */
  config: string;
  /** Directory the project's tests live under ("" for the root). */
  dir: string;
  /** Setup files resolved to repository paths. */
  setupFiles: string[];
  /** The runner type-checks the project's ordinary test files (ts-jest, a vitest typecheck.include). */
  typeChecks?: boolean;
  /** The runner type-checks every file a test loads, not only the test (ts-jest with diagnostics). */
  checksLoadedFiles?: true;
  /** A type error in any file its checked tests import fails the run (vitest typecheck). */
  failsOnSourceErrors?: true;
  /** Why the project keeps every test: an option that decides what tests load could not be read. */
  unread?: string;
}

const under = (dir: string, path: string) => dir === "" || path.startsWith(`${dir}/`);

/** The project that runs a test: the one whose directory is nearest above it. */
export function ownerOf(projects: readonly RunnerProject[], test: string): RunnerProject | undefined {
  let owner: RunnerProject | undefined;
  for (const project of projects) {
    if (under(project.dir, test) && (!owner || project.dir.length > owner.dir.length)) owner = project;
  }
  return owner;
}

/**
 * Every project of the nearest directory above a test: a `vitest.config.ts` beside the
 * `vite.config.ts` it merges, inline projects of one root (a test may run in each).
 */
export function ownersOf(projects: readonly RunnerProject[], test: string): RunnerProject[] {
  const owner = ownerOf(projects, test);
  return owner ? projects.filter((project) => project.dir === owner.dir) : [];
}

/**
 * Setup files run before every test of their project, so every such test depends on them and,
 * through their imports, on what they load. The projects of the nearest directory own a test.
 */
export function setupEdges(projects: readonly RunnerProject[], tests: readonly string[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const test of tests) {
    for (const owner of ownersOf(projects, test)) {
      for (const setup of owner.setupFiles) {
        edges.push({
          from: test,
          to: setup,
          kind: "setup",
          names: "*",
          weak: false,
          line: 0,
          via: owner.config,
        });
      }
    }
  }
  return edges;
}
