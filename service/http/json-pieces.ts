/**
 * A parsed body handed from a worker thread to the main one as JSON text in small pieces, so the
 * main thread builds it a piece at a time and turns its event loop between them. Posting the
 * object itself would not help: structured clone rebuilds it in one go on the receiving thread,
 * slower than `JSON.parse` (1.5 s against 0.6 s for a 100,000-test selection).
 */
export interface JsonPieces {
  /** The body with each long array replaced by a placeholder. */
  skeleton: string;
  /** Each long array's elements, parents before the arrays inside them. */
  arrays: { path: (string | number)[]; chunks: string[] }[];
}

/** Arrays longer than this are sent in chunks of this many elements. */
export const CHUNK_ITEMS = 256;

/**
 * A key no body keeps: bodies with a NUL character anywhere are refused before they are split
 * (json-checks.ts), so a placeholder cannot be confused with data.
 */
const PLACEHOLDER = "\u0000piece";

/**
 * Splits a checked body (no NUL characters) into pieces; the worker's half. Only objects and
 * arrays on the way to a long array are copied; the rest is shared with `value`.
 */
export function splitJson(value: unknown): JsonPieces {
  const arrays: JsonPieces["arrays"] = [];
  const path: (string | number)[] = [];
  const visit = (node: object): unknown => {
    let out: Record<string | number, unknown> | unknown[] = node as Record<string, unknown>;
    const child = (key: string | number, item: unknown) => {
      if (!item || typeof item !== "object") return;
      path.push(key);
      const replaced = visit(item);
      path.pop();
      if (replaced === item) return;
      if (out === node) out = Array.isArray(node) ? [...node] : { ...node };
      (out as Record<string | number, unknown>)[key] = replaced;
    };
    if (!Array.isArray(node)) {
      for (const [key, item] of Object.entries(node)) child(key, item);
      return out;
    }
    for (let i = 0; i < node.length; i++) child(i, node[i]);
    if (node.length <= CHUNK_ITEMS) return out;
    const items = out as unknown as unknown[];
    const piece = { path: [...path], chunks: [] as string[] };
    // Before the pieces inside it, which the loop above has pushed already.
    arrays.splice(firstInside(arrays, piece.path), 0, piece);
    for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
      piece.chunks.push(JSON.stringify(items.slice(i, i + CHUNK_ITEMS)));
    }
    return { [PLACEHOLDER]: true };
  };
  const root = value && typeof value === "object" ? visit(value) : value;
  return { skeleton: JSON.stringify(root), arrays };
}

/** Where an array's piece goes: before any piece inside it (those start with its path). */
function firstInside(arrays: JsonPieces["arrays"], path: (string | number)[]): number {
  const inside = (other: (string | number)[]) =>
    other.length > path.length && path.every((part, i) => other[i] === part);
  const at = arrays.findIndex((piece) => inside(piece.path));
  return at === -1 ? arrays.length : at;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long the main thread parses before letting other requests in. */
const SLICE_MS = 4;

/** Rebuilds the body from its pieces, turning the event loop every few milliseconds; the main thread's half. */
export async function joinJson(pieces: JsonPieces): Promise<unknown> {
  const root = JSON.parse(pieces.skeleton) as unknown;
  let slice = performance.now();
  let holder: { value: unknown } = { value: root };
  for (const { path, chunks } of pieces.arrays) {
    const items: unknown[] = [];
    for (const chunk of chunks) {
      for (const item of JSON.parse(chunk) as unknown[]) items.push(item);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
    holder = place(holder, path, items);
  }
  return holder.value;
}

/** Puts `items` where the placeholder at `path` is; the root itself may be one. */
function place(holder: { value: unknown }, path: (string | number)[], items: unknown[]): { value: unknown } {
  if (path.length === 0) return { value: items };
  let parent = holder.value as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = items;
  return holder;
}
