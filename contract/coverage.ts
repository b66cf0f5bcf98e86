import { type Static, Type } from "@sinclair/typebox";
import { RepoPath, Sha } from "./common.js";

/** At most this many records an upload, files a record, units a file, tests a query. */
export const MAX_COVERAGE_ITEMS = 100_000;

export const CoveredFile = Type.Object({
  path: RepoPath,
  blob: Type.String({
    pattern: "^(?:[0-9a-f]{40}|[0-9a-f]{64})$",
    description: "git blob id of the version the test ran",
  }),
  units: Type.Union(
    [Type.Array(Type.Integer({ minimum: 0 }), { maxItems: MAX_COVERAGE_ITEMS }), Type.Literal("all")],
    { description: 'indexes of the functions that ran in that version, or "all" when unknown' },
  ),
  read: Type.Optional(
    Type.Literal(true, { description: "read as text or bytes: any change to it counts, even of a comment" }),
  ),
  order: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: "when it started loading among the files the test loaded (0 first)",
    }),
  ),
});

/** What one test file loaded and ran (selector/coverage/types.ts; a type test keeps the two equal). */
export const CoverageRecord = Type.Object({
  version: Type.Integer({ minimum: 1, description: "the units version the indexes name" }),
  test: RepoPath,
  commit: Type.Optional(Sha),
  files: Type.Array(CoveredFile, { maxItems: MAX_COVERAGE_ITEMS }),
});
export type CoverageRecord = Static<typeof CoverageRecord>;

/** Whether a test's recorded coverage shows the change cannot reach it (selector/coverage/types.ts). */
export const CoverageVerdict = Type.Union([
  Type.Object({
    clear: Type.Literal(true),
    commit: Type.Optional(Sha),
    files: Type.Integer({ minimum: 0, description: "files it loaded that changed since" }),
  }),
  Type.Object({ clear: Type.Literal(false), reason: Type.String({ maxLength: 1024 }) }),
]);
export type CoverageVerdict = Static<typeof CoverageVerdict>;

export const RepoParams = Type.Object({ repo_id: Type.String({ minLength: 1, maxLength: 64 }) });
export type RepoParams = Static<typeof RepoParams>;

/** The records of the tests a run ran; each replaces the test's previous record. */
export const CoverageUpload = Type.Object({
  commit_sha: Sha,
  records: Type.Array(CoverageRecord, {
    maxItems: MAX_COVERAGE_ITEMS,
    description:
      "a record without `commit` is stored with `commit_sha`; of two records for one test, the last is kept",
  }),
});
export type CoverageUpload = Static<typeof CoverageUpload>;

export const CoverageStored = Type.Object({
  stored: Type.Integer({ description: "tests whose record was stored" }),
});

export const CoverageQuery = Type.Object({
  tests: Type.Array(RepoPath, { maxItems: MAX_COVERAGE_ITEMS }),
});
export type CoverageQuery = Static<typeof CoverageQuery>;

export const CoverageRecords = Type.Object({
  records: Type.Array(CoverageRecord, { description: "the latest record of each asked test that has one" }),
});

export const CoverageDeleted = Type.Object({ deleted: Type.Integer({ description: "records deleted" }) });
