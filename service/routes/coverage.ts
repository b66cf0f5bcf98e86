import { errorResponses } from "../../contract/common.js";
import {
  CoverageDeleted,
  CoverageQuery,
  CoverageRecords,
  CoverageStored,
  CoverageUpload,
  RepoParams,
} from "../../contract/coverage.js";
import { LIMITS, limitMessage } from "../../contract/limits.js";
import { ApiError } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { ownedRepo } from "../http/owned-repo.js";
import { encodedCoverageOf } from "../http/prevalidated.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { encodeCoverage } from "../storage/coverage-encoding.js";

/**
 * A 200-test suite uploads about 2 MB of records; the largest suites many times that. Only this
 * route takes bodies this large: every other keeps the app's limit.
 */
export const COVERAGE_BODY_LIMIT = 64 * 1024 * 1024;

/** Every record's files together: each record's are limited by the schema, their sum here. */
function refuseTooManyFiles(files: number): void {
  const { max } = LIMITS.coverage_files;
  if (files <= max) return;
  const limit = { name: "coverage_files", max } as const;
  throw new ApiError("PAYLOAD_TOO_LARGE", limitMessage("body.records", limit, files), { limit });
}

/** Per-test coverage records: the action uploads them after a run and reads them before selecting. */
export function coverageRoutes(app: TypedApp, deps: RouteDeps): void {
  app.put(
    "/v1/repos/:repo_id/coverage",
    {
      config: { idempotent: true, encodeBody: "coverage" },
      bodyLimit: Math.max(COVERAGE_BODY_LIMIT, app.initialConfig.bodyLimit ?? 0),
      schema: {
        tags: ["coverage"],
        summary: "Store the coverage records of the tests a run ran; each replaces the test's previous one",
        description:
          `At most ${LIMITS.coverage_files.max.toLocaleString("en")} files in all records together ` +
          "(limit `coverage_files`, answered 413); the body may be gzipped (`Content-Encoding: gzip`), " +
          `the ${COVERAGE_BODY_LIMIT / 1024 / 1024} MiB limit holding for it decompressed.`,
        security: BEARER,
        params: RepoParams,
        body: CoverageUpload,
        response: { 200: CoverageStored, ...errorResponses(403, 404, 413) },
      },
    },
    async (request) => {
      const { commit_sha, records } = request.body;
      // A large upload was encoded on the body worker; a small one is encoded here, in one go.
      const encoded = encodedCoverageOf(request.body) ?? encodeCoverage(commit_sha, records, { clean: true });
      refuseTooManyFiles(encoded.files);
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.repo_id);
      const stored = await deps.storage.coverage.store(orgId, repo.id, encoded, deps.clock.now());
      return { stored };
    },
  );
  app.post(
    "/v1/repos/:repo_id/coverage/query",
    {
      config: { access: "read" },
      schema: {
        tags: ["coverage"],
        summary: "The latest coverage record of each given test that has one",
        security: BEARER,
        params: RepoParams,
        body: CoverageQuery,
        response: { 200: CoverageRecords, ...errorResponses(404, 413) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.repo_id);
      return { records: await deps.storage.coverage.latest(orgId, repo.id, request.body.tests) };
    },
  );
  app.delete(
    "/v1/repos/:repo_id/coverage",
    {
      schema: {
        tags: ["coverage"],
        summary: "Forget every coverage record of the repository (after a change of test runner, say)",
        security: BEARER,
        params: RepoParams,
        response: { 200: CoverageDeleted, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const repo = await ownedRepo(deps.storage, orgId, request.params.repo_id);
      return { deleted: await deps.storage.coverage.forget(orgId, repo.id) };
    },
  );
}
