import { ownersOf, type RunnerProject } from "../graph/synthetic/setup-edges.js";
import type { DependencyGraph } from "../graph/types.js";

/** Adds `reason` to a test's forced reasons once. */
export function keep(forced: Map<string, string[]>, test: string, reason: string): void {
  const reasons = forced.get(test) ?? [];
  if (!reasons.includes(reason)) reasons.push(reason);
  forced.set(test, reasons);
}

/**
 * Tests that load a file with an import that resolves to nothing: the module it names may be
 * any file of the change (an alias we could not read, a package we cannot see), so they run.
 * One walk up the importers from every such file at once; each test keeps the first reason.
 */
export function unresolvedKeeps(graph: DependencyGraph, forced: Map<string, string[]>): void {
  const reasonOf = new Map<string, string>();
  const queue: string[] = [];
  for (const node of graph.nodes.values()) {
    // Paths built at run time are kept by computed-imports.ts, against the files the change holds.
    const first = node.unresolved.find((item) => !item.computed);
    if (!first || node.deleted) continue;
    reasonOf.set(
      node.path,
      `${node.path}:${first.line} ${first.spawned ? "runs" : "imports"} "${first.specifier}", which resolves to nothing we can see: kept`,
    );
    queue.push(node.path);
  }
  for (let index = 0; index < queue.length; index++) {
    const path = queue[index]!;
    const node = graph.nodes.get(path);
    const reason = reasonOf.get(path)!;
    if (node?.isTest) keep(forced, path, reason);
    for (const edge of node?.importers ?? []) {
      if (reasonOf.has(edge.from)) continue;
      reasonOf.set(edge.from, reason);
      queue.push(edge.from);
    }
  }
}

/** Every test of a project whose config could not be read where it decides what the tests load. */
export function unreadProjectKeeps(
  projects: readonly RunnerProject[],
  tests: readonly string[],
  forced: Map<string, string[]>,
): void {
  if (!projects.some((project) => project.unread)) return;
  for (const test of tests) {
    const reason = ownersOf(projects, test).find((project) => project.unread)?.unread;
    if (reason) keep(forced, test, reason);
  }
}
