import { posix } from "node:path";
import type { FileFacts, ImportRecord } from "../extract/types.js";
import type { Resolver } from "../resolve/types.js";
import type { BinsLookup } from "./package-bins.js";
import { followPackageScript, type ScriptsLookup } from "./package-scripts.js";
import type { DependencyGraph, GraphEdge, GraphNode } from "./types.js";
import { readsText } from "./vite-query.js";

export interface BuildGraphInput {
  /** Files at head. */
  paths: readonly string[];
  /** Files present only at base (deleted, or the old side of a rename): importers still name them. */
  deletedPaths?: readonly string[];
  /** Facts of parsed sources, keyed by path (deleted files carry their base facts). */
  facts: ReadonlyMap<string, FileFacts>;
  resolver: Resolver;
  isTest: (path: string) => boolean;
  /** The package.json scripts a spawned `npm run <name>` runs (package-scripts.ts). */
  scripts?: ScriptsLookup;
  /** The repository's package bins, for a program spawned by bare name (package-bins.ts). */
  bins?: BinsLookup;
}

const WEAK_KINDS = new Set(["template"]);

function newNode(path: string, isTest: boolean, facts?: FileFacts, deleted?: boolean): GraphNode {
  const node: GraphNode = { path, imports: [], importers: [], external: [], unresolved: [], isTest };
  if (facts) node.facts = facts;
  if (deleted) node.deleted = true;
  return node;
}

function edgeFor(from: string, to: string, record: ImportRecord, via?: string): GraphEdge {
  const edge: GraphEdge = {
    from,
    to,
    kind: record.kind,
    names: record.names,
    weak: WEAK_KINDS.has(record.kind),
    line: record.line,
  };
  if (record.typeOnly) edge.typeOnly = true;
  if (readsText(record.query ?? record.specifier)) edge.text = true;
  if (record.locals) edge.locals = record.locals;
  if (record.namespaceLocal) edge.namespaceLocal = record.namespaceLocal;
  if (record.members) edge.members = record.members;
  if (record.reexports) edge.reexports = record.reexports;
  if (record.reexportNamespace) edge.reexportNamespace = record.reexportNamespace;
  if (via) edge.via = via;
  return edge;
}

function link(nodes: Map<string, GraphNode>, edge: GraphEdge): void {
  const from = nodes.get(edge.from);
  const to = nodes.get(edge.to);
  // A file never depends on itself for selection purposes (`import.meta.glob("./*.ts")` matches itself).
  if (!from || !to || edge.from === edge.to) return;
  from.imports.push(edge);
  to.importers.push(edge);
}

/**
 * `new URL("./cases/", import.meta.url)` names a folder the file reads: it depends on every file
 * under it. False when the specifier names no folder with files, to be reported as unresolved.
 */
function linkFolder(
  node: GraphNode,
  nodes: Map<string, GraphNode>,
  resolver: Resolver,
  record: ImportRecord,
): boolean {
  const targets = resolver.resolveGlob(`${record.specifier.replace(/\/+$/, "")}/**`, node.path);
  for (const target of targets)
    link(nodes, edgeFor(node.path, target, record, "a folder read through new URL"));
  return targets.length > 0;
}

/** The repository path a read's specifier names, relative to the reading file. */
const readPath = (node: GraphNode, specifier: string) =>
  posix.normalize(posix.join(posix.dirname(node.path), specifier.replace(/\/\*\*$/, "")));

/**
 * What an `fs` read names: the file, or every file under the folder (a listing, or a known folder
 * plus a run-time name), at the head and among the files the change deleted (a read of a deleted
 * fixture fails). A path that names nothing is a file the code writes, or may lack: nothing.
 */
function resolveRead(
  node: GraphNode,
  nodes: Map<string, GraphNode>,
  resolver: Resolver,
  record: ImportRecord,
) {
  const resolution = record.computed ? undefined : resolver.resolve(record.specifier, node.path, "url");
  const targets =
    resolution?.kind === "file"
      ? [resolution.path]
      : resolver.resolveGlob(
          record.computed ? record.specifier : `${record.specifier.replace(/\/+$/, "")}/**`,
          node.path,
        );
  const named = readPath(node, record.specifier);
  for (const other of nodes.values()) {
    if (other.deleted && (other.path === named || other.path.startsWith(`${named}/`)))
      targets.push(other.path);
  }
  if (targets.length === 0) {
    const submodule = holdingPath(nodes, named);
    if (submodule !== undefined) targets.push(submodule);
  }
  if (targets.length === 0) return;
  node.reads ??= [];
  for (const path of targets) {
    // A snapshot belongs to its tests by name (snapshot-edges.ts): a folder and a run-time name
    // handed on (a snapshot resolver's `join(root, basename(test) + extension)`) reads no one's.
    if (record.spelledValue && record.computed === "pattern" && path.endsWith(".snap")) continue;
    node.reads.push({ path, line: record.line, ...(record.spelledValue ? { value: true as const } : {}) });
  }
}

/**
 * The path above `named` that is itself a node: in a git tree no file holds another, so that is a
 * submodule (git-tree.ts lists it as one path), whose files this repository cannot list. A read of
 * `fixtures/sub/data.json` reads the submodule `fixtures/sub`, and a bump changes what it reads.
 */
function holdingPath(nodes: ReadonlyMap<string, GraphNode>, named: string): string | undefined {
  for (let at = named.lastIndexOf("/"); at > 0; at = named.lastIndexOf("/", at - 1)) {
    const above = named.slice(0, at);
    if (nodes.has(above)) return above;
  }
  return undefined;
}

/** The file a specifier resolves to and those it names under other conditions: each may load. */
const filesOf = (resolution: { path: string; alternatives?: string[] }) => [
  resolution.path,
  ...(resolution.alternatives ?? []),
];

/** Why a spawned file is linked: a script it runs, maybe as the source of build output it runs. */
const scriptVia = (via: string | undefined) =>
  via?.startsWith("build output") ? `a script it runs (${via})` : "a script it runs";

/** How deep package scripts that run package scripts are followed (`"ci": "npm run gen && npm test"`). */
const MAX_SCRIPT_DEPTH = 4;

interface Resolving {
  nodes: Map<string, GraphNode>;
  resolver: Resolver;
  scripts: ScriptsLookup;
  bins: BinsLookup;
}

/**
 * A program spawned by bare name that a package.json `bin` of the repository declares: the file it
 * names runs (build output mapped to its source as a relative path is); one no commit holds and no
 * tsconfig maps is kept, with the reason. Other programs are not the repository's.
 */
function resolvePackageBin(node: GraphNode, context: Resolving, record: ImportRecord): void {
  for (const bin of context.bins(record.specifier)) {
    const target = bin.target.startsWith(".") ? bin.target : `./${bin.target}`;
    const manifest = bin.dir === "" ? "package.json" : `${bin.dir}/package.json`;
    const resolution = context.resolver.resolve(target, manifest, "url");
    const via = `the bin "${record.specifier}" of ${manifest}`;
    if (resolution.kind === "file") {
      for (const path of filesOf(resolution)) link(context.nodes, edgeFor(node.path, path, record, via));
      continue;
    }
    const reason = `runs ${via}, ${bin.target}, which no commit holds (build output?) and no tsconfig outDir/rootDir maps to a source`;
    node.unresolved.push({ specifier: record.specifier, line: record.line, reason, spawned: true });
  }
}

function resolveImports(node: GraphNode, context: Resolving): void {
  for (const record of node.facts?.imports ?? []) resolveRecord(node, context, record, 0);
}

/** `npm run gen` in a test: the script's command lines are the test's, as if it spawned them. */
function resolvePackageScript(node: GraphNode, context: Resolving, record: ImportRecord, depth: number) {
  const follow = followPackageScript(node.path, record, context.scripts);
  if ("reason" in follow || depth >= MAX_SCRIPT_DEPTH) {
    const reason =
      "reason" in follow ? follow.reason : "package scripts run package scripts too deep to follow";
    const name = record.packageScript?.name;
    const specifier = name === undefined ? record.specifier : `run ${name}`;
    node.unresolved.push({ specifier, line: record.line, reason, spawned: true });
    return;
  }
  for (const next of follow.records) resolveRecord(node, context, next, depth + 1);
}

function resolveRecord(node: GraphNode, context: Resolving, record: ImportRecord, depth: number): void {
  const { nodes, resolver } = context;
  if (record.packageScript) {
    resolvePackageScript(node, context, record, depth);
    return;
  }
  if (record.packageBin) {
    resolvePackageBin(node, context, record);
    return;
  }
  if (record.fsRead && record.computed !== "unknown") {
    resolveRead(node, nodes, resolver, record);
    return;
  }
  if (record.computed === "unknown") {
    node.unresolved.push({
      specifier: record.specifier,
      line: record.line,
      reason: "the path is built at run time from values not known statically",
      computed: true,
      ...(record.fsRead ? { read: true as const } : {}),
      ...(record.spawned ? { spawned: true as const } : {}),
    });
    return;
  }
  if (record.computed === "pattern") {
    for (const target of resolver.resolveGlob(record.specifier, node.path)) {
      link(nodes, edgeFor(node.path, target, record, "a path built at run time"));
    }
    return;
  }
  if (record.kind === "glob") {
    const ignored = new Set(
      (record.ignore ?? []).flatMap((pattern) => resolver.resolveGlob(pattern, node.path)),
    );
    for (const target of resolver.resolveGlob(record.specifier, node.path)) {
      if (ignored.has(target)) continue;
      link(nodes, edgeFor(node.path, target, record, "import.meta.glob"));
    }
    return;
  }
  linkResolved(node, context, record);
}

/** A path the one resolver answers (an import, a require, a spawned script): linked, or kept as unresolved. */
function linkResolved(node: GraphNode, { nodes, resolver }: Resolving, record: ImportRecord): void {
  const resolution = resolver.resolve(record.specifier, node.path, record.kind);
  if (record.spawned) {
    // A program's argument that names no file is a word, not a missing import; a script Node runs
    // that no commit holds is build output or generated, and what it loads is not known.
    if (resolution.kind === "file")
      for (const path of filesOf(resolution))
        link(nodes, edgeFor(node.path, path, record, scriptVia(resolution.via)));
    else if (record.script && resolution.kind === "unresolved")
      node.unresolved.push({
        specifier: record.specifier,
        line: record.line,
        reason:
          "runs a script no commit holds (build output, or written at run time), and no tsconfig outDir/rootDir names its source",
        spawned: true,
      });
    return;
  }
  if (
    resolution.kind === "unresolved" &&
    record.kind === "url" &&
    linkFolder(node, nodes, resolver, record)
  ) {
    return;
  }
  if (resolution.kind === "file") {
    for (const path of filesOf(resolution)) link(nodes, edgeFor(node.path, path, record, resolution.via));
    // A tarball stands for the package it installs: mocks of that package still apply.
    const name = resolution.packageName;
    if (name !== undefined && !node.external.includes(name)) node.external.push(name);
  } else if (resolution.kind === "external") {
    if (!resolution.builtin && !node.external.includes(resolution.packageName)) {
      node.external.push(resolution.packageName);
    }
  } else if (record.kind !== "template") {
    // A string that merely looks like an import is no promise the file exists; don't warn on it.
    node.unresolved.push({ specifier: record.specifier, line: record.line, reason: resolution.reason });
  }
}

/** Builds the file graph: one node per file, import edges resolved, importers indexed. */
export function buildGraph(input: BuildGraphInput): DependencyGraph {
  const nodes = new Map<string, GraphNode>();
  for (const path of input.paths) nodes.set(path, newNode(path, input.isTest(path), input.facts.get(path)));
  for (const path of input.deletedPaths ?? []) {
    if (!nodes.has(path)) nodes.set(path, newNode(path, input.isTest(path), input.facts.get(path), true));
  }
  const context = {
    nodes,
    resolver: input.resolver,
    scripts: input.scripts ?? (() => undefined),
    bins: input.bins ?? (() => []),
  };
  for (const node of nodes.values()) resolveImports(node, context);
  return { nodes };
}

/** Adds edges the imports don't show (snapshots, mocks, setup files, JSX runtime). */
export function addEdges(graph: DependencyGraph, edges: readonly GraphEdge[]): void {
  for (const edge of edges) link(graph.nodes, edge);
}
