import type { SelectionRequest } from "../../contract/selection.js";
import type { SelectionBody, TestColumns } from "../../contract/test-columns.js";
import { ApiError } from "../api-error.js";
import { LoopSlices } from "../loop-slices.js";

type TestInput = SelectionRequest["tests"][number];

const invalid = (message: string) => new ApiError("VALIDATION_FAILED", message);
const count = (n: number) => n.toLocaleString("en");

/**
 * The body's tests, whichever form they came in: `tests` as sent, or `test_columns` turned into
 * the same objects, so everything after (decision, storage, learning) sees one form and stores
 * the same run. Undefined when the body has neither.
 */
export async function testsOfBody(
  body: Pick<SelectionBody, "tests" | "test_columns">,
): Promise<TestInput[] | undefined> {
  if (body.tests && body.test_columns) {
    throw invalid("body: tests and test_columns are two forms of one list; send one of them");
  }
  return body.test_columns ? testsOfColumns(body.test_columns) : body.tests;
}

/**
 * Every test of `columns` as the object `tests` would have held. The schema checked each column's
 * values; what it cannot say is checked here: the columns' lengths and the details' indexes.
 */
export async function testsOfColumns(columns: TestColumns): Promise<TestInput[]> {
  const { path, features, details = [] } = columns;
  const n = path.length;
  for (const [key, column] of Object.entries(features)) {
    if (column.length !== n) {
      throw invalid(
        `body.test_columns.features.${key}: ${count(column.length)} values for ${count(n)} paths (one a test)`,
      );
    }
  }
  const { reachable, distance, symbolHit, weakOnly, changedFilesReaching, maxFanIn, typeTest } = features;
  const slices = new LoopSlices();
  const tests = new Array<TestInput>(n);
  for (let i = 0; i < n; i++) {
    // One literal, the keys in the contract's order: every test's features share one shape.
    tests[i] = {
      path: path[i]!,
      features: {
        reachable: reachable[i]!,
        distance: distance[i]!,
        symbolHit: symbolHit[i]!,
        weakOnly: weakOnly[i]!,
        changedFilesReaching: changedFilesReaching[i]!,
        maxFanIn: maxFanIn[i]!,
        typeTest: typeTest[i]!,
      },
    };
    if ((i & 4095) === 4095) await slices.pause();
  }
  addDetails(tests, details);
  return tests;
}

/** Each entry of `details` onto the test its index names; an index past the tests, or named twice, is refused. */
function addDetails(tests: TestInput[], details: NonNullable<TestColumns["details"]>): void {
  const named = new Map<number, number>();
  details.forEach((detail, at) => {
    const { index, ...fields } = detail;
    const field = `body.test_columns.details[${at}].index`;
    if (index >= tests.length) {
      throw invalid(`${field}: ${count(index)} is out of range (${count(tests.length)} tests, 0-based)`);
    }
    const earlier = named.get(index);
    if (earlier !== undefined) {
      throw invalid(`${field}: test ${index} already has details (details[${earlier}]); one entry a test`);
    }
    named.set(index, at);
    Object.assign(tests[index]!, fields);
  });
}
