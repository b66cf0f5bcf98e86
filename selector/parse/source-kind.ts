const PARSED = /\.(?:[cm]?ts|tsx|[cm]?js|jsx|vue|svelte|astro)$/;

/** Files whose imports tree-sitter reads; everything else is a leaf of the graph. */
export function isParsedSource(path: string): boolean {
  return PARSED.test(path);
}

/** The parse cache key: the same blob parses differently as `.ts` and as `.tsx`. */
export function factsKey(oid: string, path: string): string {
  const dot = path.lastIndexOf(".");
  return `${oid}${path.slice(dot)}`;
}
