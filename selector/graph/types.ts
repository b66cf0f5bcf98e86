import type { FileFacts, ImportKind, ImportRecord } from "../extract/types.js";

/**
 * Edges the imports don't show, added by the graph builder:
 * snapshot (a test owns its `__snapshots__/*.snap`), mock-file (`__mocks__/x.ts` stands in for `x.ts`),
 * setup (a runner config's setupFiles run before every test of its project),
 * jsx-runtime (tsconfig `jsxImportSource` makes every `.tsx` file depend on the runtime).
 */
export type SyntheticKind = "snapshot" | "mock-file" | "setup" | "jsx-runtime";
export type EdgeKind = ImportKind | SyntheticKind;

/** What an edge takes from `to` and binds in `from`: the import's own record of it. */
type EdgeNames = Pick<
  ImportRecord,
  "names" | "locals" | "namespaceLocal" | "members" | "reexports" | "reexportNamespace"
>;

export interface GraphEdge extends EdgeNames {
  from: string;
  to: string;
  kind: EdgeKind;
  /** `import type`, `export type … from`: erased before anything runs. */
  typeOnly?: boolean;
  /**
   * The importer reads the target's bytes (`?raw`, `?inline`): every edit of the target counts,
   * comments included, and nothing the target imports does. Seeded from the diff (text-seeds.ts).
   */
  text?: true;
  /** A weaker link (an import written inside a string): reported as such and scored lower. */
  weak: boolean;
  line: number;
  /** Which resolution rule produced the edge, for explanations. */
  via?: string;
}

export interface UnresolvedImport {
  specifier: string;
  line: number;
  reason: string;
  /** A path built at run time that could name any file: the tests that load this file are kept. */
  computed?: true;
  /** Read with `fs`, not loaded (computed-reads.ts). */
  read?: true;
  /** The script a child process or worker runs (spawned-scripts.ts). */
  spawned?: true;
}

export interface GraphNode {
  path: string;
  /** Extracted facts for parsed sources; undefined for JSON, assets, snapshots. */
  facts?: FileFacts;
  imports: GraphEdge[];
  importers: GraphEdge[];
  external: string[];
  unresolved: UnresolvedImport[];
  /** The file exists only at the base revision (deleted or renamed away). */
  deleted?: boolean;
  isTest: boolean;
  /**
   * Files it reads with `fs` (fs-reads.ts): their content, not their imports, so these are no
   * edges; `staticReadKeeps` keeps the tests that load it when one of them changes.
   */
  reads?: FileRead[];
}

export interface FileRead {
  path: string;
  line: number;
  /** A path spelled as a value, not read by a call (ImportRecord.spelledValue). */
  value?: true;
}

export interface DependencyGraph {
  nodes: Map<string, GraphNode>;
}
