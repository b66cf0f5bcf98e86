import type { FastifyInstance } from "fastify";
import { ApiError } from "../api-error.js";

/** Deeper than any body of the API (a policy file nests about 4 levels); far below V8's stack. */
export const MAX_BODY_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing it, stopping at
 * `limit`: a linear scan that skips strings, cheap beside the parse it guards.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** `body.tests[0].path` for the first string (value or key) holding a NUL character. */
function nulField(value: unknown, path: string): string | undefined {
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
 * JSON bodies, refused before they can fail deeper in: nesting past `MAX_BODY_DEPTH` (the parser,
 * the YAML library and the validator all recurse) and NUL characters anywhere (PostgreSQL cannot
 * store them in text; no path or name holds one). Fastify's own parser still does the parsing, with
 * its prototype-poisoning checks.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, text, done) => {
    const body = text as string;
    if (jsonDepthExceeds(body, MAX_BODY_DEPTH)) {
      return done(
        new ApiError("VALIDATION_FAILED", `body: nested deeper than ${MAX_BODY_DEPTH} levels`),
        undefined,
      );
    }
    parse(request, body, (error, parsed) => {
      if (error) return done(error, undefined);
      // A NUL can only arrive escaped; most bodies skip the walk.
      const field = /\\u0000/i.test(body) ? nulField(parsed, "body") : undefined;
      if (field)
        return done(
          new ApiError("VALIDATION_FAILED", `${field}: must not contain NUL characters`),
          undefined,
        );
      done(null, parsed);
    });
  });
}
