import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TestResult } from "../storage/storage.js";
import { byteLengthOf, joinBlocks, readBodyBlocks } from "./body-blocks.js";
import type { BodyParsing } from "./body-parsing.js";
import { IDEMPOTENCY_HEADER } from "./idempotency.js";
import { keepFingerprint, markValidated } from "./prevalidated.js";

/** A large JUnit report, parsed on a worker as it came off the socket: the route takes its results. */
export class ParsedJUnit {
  constructor(readonly results: TestResult[]) {}
}

/**
 * XML bodies arrive as text; the results route parses them as JUnit. A large one goes to a body
 * worker as the blocks it was read into (body-blocks.ts), parsed there, and comes back as its
 * per-file results (ParsedJUnit, valid as the route's text schema would have found the text): the
 * 14 MiB report was joined, decoded and copied to the worker on this thread in one go, 0.1-0.5 s.
 */
export function registerXmlBody(app: FastifyInstance, bodies: BodyParsing): void {
  app.addContentTypeParser(
    ["application/xml", "text/xml"],
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
      const blocks = await readBodyBlocks(request, payload, limit);
      if (!bodies.offThreadXml(byteLengthOf(blocks))) return joinBlocks(blocks).toString("utf8");
      const keyed =
        request.routeOptions.config.idempotent && request.headers[IDEMPOTENCY_HEADER] !== undefined;
      const parsed = await bodies.junitBlocks(
        blocks,
        keyed ? `${request.method} ${request.url}\n` : undefined,
      );
      const body = new ParsedJUnit(parsed.results);
      markValidated(body);
      if (parsed.fingerprint) keepFingerprint(body, parsed.fingerprint);
      return body;
    },
  );
}
