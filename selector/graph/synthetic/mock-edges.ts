import type { GraphEdge } from "../types.js";

const MOCK = /^(.*\/)?__mocks__\/(.+)\.(?:[cm]?[jt]sx?|json)$/;
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];

export interface MockInput {
  paths: readonly string[];
  has: (path: string) => boolean;
  /** External packages each file imports, for root-level mocks of node modules. */
  externalImports: ReadonlyMap<string, readonly string[]>;
}

function mockEdge(from: string, to: string): GraphEdge {
  return { from, to, kind: "mock-file", names: "*", weak: false, line: 0, via: "__mocks__" };
}

/** The folder a `__mocks__` file serves: `packages/a/` for `packages/a/__mocks__/ms.js`, "" at the root. */
const servedFolder = (mock: string) => mock.slice(0, mock.lastIndexOf("__mocks__/"));

/**
 * The mocks of a package that apply to a file: those whose folder holds the file (a project's
 * own `__mocks__`), else every one (a mock beside the file's folder, under another of the
 * runner's roots).
 */
function mocksFor(file: string, mocks: readonly string[]): readonly string[] {
  const holding = mocks.filter((mock) => file.startsWith(servedFolder(mock)));
  return holding.length > 0 ? holding : mocks;
}

/**
 * `__mocks__` files stand in for the modules they mock (Jest's automatic mocks, Vitest's `vi.mock`
 * without a factory): `dir/__mocks__/x.ts` for `dir/x.ts`, and a `__mocks__/pkg.ts` beside no such
 * module for the package `pkg` in every file that imports it (each project of a monorepo may have
 * its own).
 */
export function mockEdges(input: MockInput): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const packageMocks = new Map<string, string[]>();
  for (const path of input.paths) {
    const match = MOCK.exec(path);
    if (!match) continue;
    const dir = match[1] ?? "";
    const name = match[2]!;
    const module = SOURCE_EXTENSIONS.map((ext) => `${dir}${name}${ext}`).find((p) => input.has(p));
    if (module) edges.push(mockEdge(module, path));
    else packageMocks.set(name, [...(packageMocks.get(name) ?? []), path]);
  }
  if (packageMocks.size === 0) return edges;
  for (const [file, packages] of input.externalImports) {
    for (const name of packages) {
      const mocks = packageMocks.get(name);
      if (mocks) for (const mock of mocksFor(file, mocks)) edges.push(mockEdge(file, mock));
    }
  }
  return edges;
}
