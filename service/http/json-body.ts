import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { byteLengthOf, joinBlocks, readBodyBlocks } from "./body-blocks.js";
import type { BodyParsing } from "./body-parsing.js";
import { IDEMPOTENCY_HEADER } from "./idempotency.js";
import { refuseDeepJson, refuseNul } from "./json-checks.js";

export { MAX_BODY_DEPTH } from "./json-checks.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A body parsed on a worker comes back in this route's stored form (body-work.ts). */
    encodeBody?: "coverage";
  }
}

/** The JSON schema of the route's body, named for the worker's cache of compiled validators. */
function bodySchemaOf(request: FastifyRequest): { key: string; schema: unknown } | undefined {
  const body = request.routeOptions.schema?.body as
    | { content?: Record<string, { schema?: unknown }> }
    | undefined;
  if (!body) return undefined;
  const schema = body.content ? body.content["application/json"]?.schema : body;
  if (!schema) return undefined;
  return { key: `${request.routeOptions.method} ${request.routeOptions.url}`, schema };
}

/**
 * JSON bodies, refused before they can fail deeper in: nesting past `MAX_BODY_DEPTH` (the parser,
 * the YAML library and the validator all recurse) and NUL characters anywhere (PostgreSQL cannot
 * store them in text; no path or name holds one). Small bodies are parsed here by Fastify's own
 * parser, with its prototype-poisoning checks; large ones (a 100,000-test selection, a coverage
 * upload) on a worker thread that also validates them (body-parsing.ts), so they hold up no other
 * request.
 */
export function registerJsonBody(app: FastifyInstance, bodies: BodyParsing): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", async (request: FastifyRequest, payload: IncomingMessage) => {
    const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    const blocks = await readBodyBlocks(request, payload, limit);
    if (bodies.offThread(byteLengthOf(blocks))) {
      const keyed =
        request.routeOptions.config.idempotent && request.headers[IDEMPOTENCY_HEADER] !== undefined;
      return bodies.json(
        blocks,
        bodySchemaOf(request),
        keyed ? `${request.method} ${request.url}\n` : undefined,
        request.routeOptions.config.encodeBody,
      );
    }
    const text = joinBlocks(blocks).toString("utf8");
    refuseDeepJson(text);
    const parsed = await new Promise<unknown>((resolve, reject) =>
      parse(request, text, (error, value) => (error ? reject(error) : resolve(value))),
    );
    refuseNul(text, parsed);
    return parsed;
  });
}
