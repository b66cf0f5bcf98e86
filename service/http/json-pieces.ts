/**
 * A parsed body handed from a worker thread to the main one as JSON text in small pieces, so the
 * main thread builds it a piece at a time and turns its event loop between them. Posting the
 * object itself would not help: structured clone rebuilds it in one go on the receiving thread,
 * slower than `JSON.parse` (1.5 s against 0.6 s for a 100,000-test selection).
 */
export interface JsonPieces {
  /** The body with each long array replaced by a placeholder. */
  skeleton: string;
  /** Each long array, parents before the arrays inside them: where in `text` each chunk of its elements ends. */
  arrays: { path: (string | number)[]; ends: number[] }[];
  /**
   * Every chunk's JSON text, one after another in the order of `arrays`, as UTF-8 bytes of their
   * own ArrayBuffer: transferred to the main thread, not copied, and decoded there a chunk at a
   * time. Posted as strings, the 52 MiB coverage upload's were copied in one go as the message
   * arrived, 0.25-0.45 s of the main thread.
   */
  text: Uint8Array;
}

/** The buffers an answer's pieces hold, for postMessage's transfer list. */
export const transferOf = (pieces: JsonPieces): ArrayBuffer[] =>
  pieces.text.byteLength > 0 ? [pieces.text.buffer as ArrayBuffer] : [];

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
  const arrays: { path: (string | number)[]; chunks: string[] }[] = [];
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
  let total = 0;
  for (const piece of arrays) for (const chunk of piece.chunks) total += Buffer.byteLength(chunk);
  const text = Buffer.allocUnsafeSlow(total);
  let at = 0;
  const ends = arrays.map((piece) =>
    piece.chunks.map((chunk) => {
      at += text.write(chunk, at);
      return at;
    }),
  );
  return {
    skeleton: JSON.stringify(root),
    arrays: arrays.map((piece, i) => ({ path: piece.path, ends: ends[i]! })),
    text,
  };
}

/** Where an array's piece goes: before any piece inside it (those start with its path). */
function firstInside(arrays: { path: (string | number)[] }[], path: (string | number)[]): number {
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
  const text = Buffer.from(pieces.text.buffer, pieces.text.byteOffset, pieces.text.byteLength);
  let start = 0;
  for (const { path, ends } of pieces.arrays) {
    const items: unknown[] = [];
    for (const end of ends) {
      for (const item of JSON.parse(text.toString("utf8", start, end)) as unknown[]) items.push(item);
      start = end;
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
