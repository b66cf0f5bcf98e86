import { getJson, query } from "../api.js";
import { empty, h, section, table } from "../dom.js";
import { percent, shortSha, when } from "../format.js";
import type { Page } from "../route.js";
import type { FlakyTests } from "../types.js";

/** Tests seen passing and failing on one commit, most flaky first. */
export async function flakyPage(repoId: string): Promise<Page> {
  const { tests } = await getJson<FlakyTests>(`/v1/tests/flaky${query({ repo_id: repoId })}`);
  const body = section(
    "Seen passing and failing on one commit",
    tests.length === 0
      ? empty("No flaky test seen.")
      : table(
          ["Test", "Flaky commits", "Failures", "Runs", "Failure rate", "Last seen", "On commit"],
          tests.map((t) => [
            h("code", {}, t.test_path),
            t.flaky_commits,
            t.failures,
            t.runs,
            percent(t.runs ? t.failures / t.runs : null),
            when(t.last_seen_at),
            h("code", {}, shortSha(t.last_commit_sha)),
          ]),
          "flaky",
        ),
  );
  return { title: "Flaky tests", repoId, body };
}
