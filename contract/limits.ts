/**
 * The counts a request body may hold, each with a name the 413 answer gives (`error.limit`) and the
 * API reference shows. They bound the work one request can ask of a node: parsing, validating,
 * deciding and storing grow with them. README ("Limits") lists them.
 */
export const LIMITS = {
  /** `tests` of `POST /v1/selection` and `POST /v1/runs`. */
  selection_tests: { max: 100_000, what: "tests per selection" },
  /** `changed_files` of `POST /v1/selection` and `POST /v1/runs`. */
  changed_files: { max: 100_000, what: "changed files per selection" },
  /** `results` (and `unmapped`) of a JSON report. */
  results: { max: 100_000, what: "results per report" },
  /** `<testcase>` elements of one JUnit XML report. */
  junit_test_cases: { max: 300_000, what: "test cases per JUnit report" },
  /** `records` of `PUT /v1/repos/{repo_id}/coverage`. */
  coverage_records: { max: 100_000, what: "records per coverage upload" },
  /** `files` of one coverage record. */
  coverage_record_files: { max: 100_000, what: "files per coverage record" },
  /** Every record's `files` together, in one coverage upload (the action sends 500 records at a time). */
  coverage_files: { max: 1_000_000, what: "files per coverage upload" },
  /** `units` of one covered file. */
  coverage_units: { max: 100_000, what: "function indexes per covered file" },
  /** `tests` of `POST /v1/repos/{repo_id}/coverage/query`. */
  coverage_query_tests: { max: 100_000, what: "tests per coverage query" },
} as const;

export type LimitName = keyof typeof LIMITS;

/** How a limit appears in an error body. */
export interface LimitRef {
  name: LimitName;
  max: number;
}

/** The schema keyword naming the limit a `maxItems` is; ajv and OpenAPI both accept `x-` keywords. */
export const LIMIT_KEYWORD = "x-limit";

/** Options for a `Type.Array` held to `name`: its `maxItems`, its name, and a line for the reference. */
export function countLimit(name: LimitName, description?: string) {
  const { max, what } = LIMITS[name];
  const limit = `at most ${max.toLocaleString("en")} (${what}; limit \`${name}\`, answered 413)`;
  return {
    maxItems: max,
    [LIMIT_KEYWORD]: name,
    description: description ? `${description}; ${limit}` : limit,
  };
}

const isLimitName = (value: unknown): value is LimitName => typeof value === "string" && value in LIMITS;

/** The limit a schema node names, if any. */
export function limitOfSchema(schema: unknown): LimitRef | undefined {
  const name = (schema as Record<string, unknown> | undefined)?.[LIMIT_KEYWORD];
  return isLimitName(name) ? { name, max: LIMITS[name].max } : undefined;
}

/** `body.tests: more than 100,000 tests per selection (limit selection_tests)`, with the count when known. */
export function limitMessage(field: string, limit: LimitRef, count?: number): string {
  const got = count === undefined ? "" : `; got ${count.toLocaleString("en")}`;
  return `${field}: more than ${limit.max.toLocaleString("en")} ${LIMITS[limit.name].what} (limit ${limit.name}${got})`;
}
