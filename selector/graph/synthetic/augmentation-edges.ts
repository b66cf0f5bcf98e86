import type { Resolver } from "../../resolve/types.js";
import type { GraphEdge, GraphNode } from "../types.js";

/** The `via` of an augmentation edge: the augmented module does not import the file that augments it. */
export const AUGMENTS = "declare module";

/**
 * The modules a file augments (`declare module "./settings" { interface Settings {…} }`), as the
 * declarations read them: a quoted module name is a declaration of kind "other" named by it.
 * `declare global` is named "global" and is no module.
 */
export function augmentedSpecifiers(node: GraphNode): string[] {
  const names = new Set<string>();
  for (const declaration of node.facts?.declarations ?? []) {
    if (declaration.kind !== "other") continue;
    for (const name of declaration.names) if (name !== "global") names.add(name);
  }
  return [...names];
}

/**
 * A module augmentation changes the types of the module it names for every file of the program,
 * the augmenting file imported or not (a tsconfig's `include` puts it there): to a type checker
 * the augmented module reads the augmenting file, as if through `/// <reference path>`. So the
 * augmented module gets a type-only edge to it, and a change to the augmentation reaches the
 * type-checked tests that load that module. Names that resolve to no file of the repository (a
 * package's augmentation, an `import x = require()` alias's local) make no edge; the rules keep
 * an unimported augmentation's tsconfig whole (change-rules.ts).
 */
export function augmentationEdges(nodes: Iterable<GraphNode>, resolver: Resolver): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    if (node.deleted) continue;
    for (const specifier of augmentedSpecifiers(node)) {
      const resolution = resolver.resolve(specifier, node.path, "static");
      if (resolution.kind !== "file") continue;
      for (const target of [resolution.path, ...(resolution.alternatives ?? [])]) {
        if (target === node.path) continue;
        edges.push({
          from: target,
          to: node.path,
          kind: "reference",
          typeOnly: true,
          names: "*",
          weak: false,
          line: 0,
          via: AUGMENTS,
        });
      }
    }
  }
  return edges;
}

/** Imported by some file: an augmented module's edge to its augmentation is no import. */
export const isImported = (node: GraphNode | undefined): boolean =>
  node?.importers.some((edge) => edge.via !== AUGMENTS) ?? false;

/**
 * The declarations of a file that every file of its program sees, however the file is reached:
 * `declare global {}` ("global"), and augmentations of a module that is no file of the repository
 * (`declare module "vitest" {}`, named by the module).
 */
export function programWideDeclarations(node: GraphNode, resolver: Resolver): string[] {
  const names: string[] = [];
  if (node.facts?.declarations.some((d) => d.kind === "other" && d.names.includes("global")))
    names.push("global");
  for (const name of augmentedSpecifiers(node)) {
    if (resolver.resolve(name, node.path, "static").kind !== "file") names.push(name);
  }
  return names;
}
