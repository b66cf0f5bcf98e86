import { type Document, isMap, isNode, isScalar, type LineCounter } from "yaml";

export type KeyPath = readonly PropertyKey[];

export interface Position {
  line: number;
  column: number;
}

/** `dependencies[1].tests`, the way the message names a key. */
export function dottedKey(path: KeyPath): string {
  let key = "";
  for (const segment of path) {
    if (typeof segment === "number") key += `[${segment}]`;
    else key += key === "" ? String(segment) : `.${String(segment)}`;
  }
  return key;
}

function at(counter: LineCounter, offset: number): Position {
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

/** The key node of `name` in the mapping at `parentPath`, if the mapping has that key. */
function keyOffset(doc: Document, parentPath: KeyPath, name: string): number | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) return undefined;
  for (const pair of parent.items) {
    if (isScalar(pair.key) && String(pair.key.value) === name) return pair.key.range?.[0];
  }
  return undefined;
}

/**
 * Where a problem at `path` should point: a mapping entry at its key (the message names the key),
 * a list item at the item. When the path does not exist in the text (a missing key, or a value the
 * schema rewrote, such as a single glob turned into a list) it points at the nearest enclosing
 * entry or item.
 */
export function positionOf(doc: Document, counter: LineCounter, path: KeyPath): Position {
  for (let n = path.length; n > 0; n--) {
    const last = path[n - 1];
    if (typeof last === "string") {
      const offset = keyOffset(doc, path.slice(0, n - 1), last);
      if (offset !== undefined) return at(counter, offset);
      continue;
    }
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return at(counter, node.range[0]);
  }
  const root = doc.contents;
  return root?.range ? at(counter, root.range[0]) : { line: 1, column: 1 };
}
