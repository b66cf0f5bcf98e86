import { ApiError } from "../api-error.js";

/** Deeper than any body of the API (a policy file nests about 4 levels); far below V8's stack. */
export const MAX_BODY_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing it, stopping at
 * `limit`: a linear scan that skips strings, cheap beside the parse it guards. A regular expression
 * finds the next bracket or quote and `indexOf` a string's end (a quote after an even number of
 * backslashes): twice as fast as looking at every character, which took 1.3 ms of a 5,000-test
 * selection's 540 KiB.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  const structural = /[[\]{}"]/g;
  let depth = 0;
  while (structural.test(text)) {
    const at = structural.lastIndex - 1;
    const c = text.charCodeAt(at);
    if (c === 34 /* " */) {
      let end = at;
      for (;;) {
        end = text.indexOf('"', end + 1);
        // Unterminated: nothing deeper follows, and the parser refuses it.
        if (end === -1) return false;
        let before = end - 1;
        while (text.charCodeAt(before) === 92 /* \ */) before--;
        if ((end - 1 - before) % 2 === 0) break;
      }
      structural.lastIndex = end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else depth--;
  }
  return false;
}

/** `body.tests[0].path` for the first string (value or key) holding a NUL character. */
export function nulField(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) return path;
      const found = nulField(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * What Fastify's parser (secure-json-parse, set to "error") refuses: a `__proto__` key, or a
 * `constructor` holding a `prototype`. Off the main thread there is no Fastify parser to ask.
 */
export function forbiddenKey(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(forbiddenKey);
  if (Object.hasOwn(value, "__proto__")) return true;
  const ctor = (value as Record<string, unknown>).constructor;
  if (
    Object.hasOwn(value, "constructor") &&
    ctor &&
    typeof ctor === "object" &&
    Object.hasOwn(ctor, "prototype")
  ) {
    return true;
  }
  return Object.values(value).some(forbiddenKey);
}

const invalid = (message: string) => new ApiError("VALIDATION_FAILED", message);

export function refuseDeepJson(text: string): void {
  if (jsonDepthExceeds(text, MAX_BODY_DEPTH))
    throw invalid(`body: nested deeper than ${MAX_BODY_DEPTH} levels`);
}

export function refuseNul(text: string, parsed: unknown): void {
  // A NUL can only arrive escaped; most bodies skip the walk.
  const field = /\\u0000/i.test(text) ? nulField(parsed, "body") : undefined;
  if (field) throw invalid(`${field}: must not contain NUL characters`);
}

/**
 * JSON text as the inline parser treats it (json-body.ts): depth first, then the parse with
 * secure-json-parse's refusals, then NUL characters. The worker's way (body-worker.ts).
 */
export function parseCheckedJson(text: string): unknown {
  if (text.length === 0) throw invalid("Body cannot be empty when content-type is set to 'application/json'");
  refuseDeepJson(text);
  // Fastify's words for both, so a body gets the same answer whichever thread parsed it.
  const malformed = () =>
    invalid("malformed JSON: Body is not valid JSON but content-type is set to 'application/json'");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (forbiddenKey(parsed)) throw malformed();
  refuseNul(text, parsed);
  return parsed;
}
