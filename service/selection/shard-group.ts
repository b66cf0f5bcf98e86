import { createHash } from "node:crypto";
import { ApiError } from "../api-error.js";
import type { Shard } from "../storage/storage.js";

interface ShardedRequest {
  commit_sha: string;
  ci_run_url?: string | undefined;
  ci_job?: string | undefined;
  shard?: Shard | undefined;
}

/**
 * What the shards of one job of one CI run share, so each shard's `POST /v1/runs` lands on one
 * run: the CI run (its URL, without the attempt: a re-run of a failed shard reports to the same
 * run), the job and the commit. Hashed so the unique index stays small whatever the URL's length.
 */
export function shardGroup(request: ShardedRequest): string | undefined {
  const { shard } = request;
  if (!shard) return undefined;
  if (shard.index > shard.total) {
    throw new ApiError(
      "VALIDATION_FAILED",
      `body.shard: shard ${shard.index} of ${shard.total} does not exist`,
    );
  }
  if (!request.ci_run_url) {
    throw new ApiError(
      "VALIDATION_FAILED",
      "body.ci_run_url: a sharded run needs the CI run's URL, so that its shards find one another",
    );
  }
  const key = JSON.stringify([request.ci_run_url, request.ci_job ?? "", request.commit_sha]);
  return createHash("sha256").update(key).digest("hex");
}

/** `?shard=I/N` (JUnit XML bodies) or `"shard"` in a JSON body; both must agree. */
export function shardOf(query: string | undefined, body: Shard | undefined): Shard | undefined {
  let fromQuery: Shard | undefined;
  if (query) {
    const [index, total] = query.split("/").map(Number) as [number, number];
    fromQuery = { index, total };
  }
  if (fromQuery && body && (fromQuery.index !== body.index || fromQuery.total !== body.total)) {
    throw new ApiError(
      "VALIDATION_FAILED",
      `querystring.shard ${query} and body.shard ${body.index}/${body.total} disagree`,
    );
  }
  const shard = body ?? fromQuery;
  if (shard && (shard.index < 1 || shard.total < 1 || shard.index > shard.total)) {
    throw new ApiError(
      "VALIDATION_FAILED",
      `shard ${shard.index}/${shard.total} does not exist (I/N, 1 <= I <= N)`,
    );
  }
  return shard;
}
