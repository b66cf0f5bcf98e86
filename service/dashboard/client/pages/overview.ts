import { getJson, query } from "../api.js";
import { empty, h, section, table } from "../dom.js";
import { duration, percent, trend } from "../format.js";
import { lastDays, link, type Page } from "../route.js";
import type { Insights, Repo } from "../types.js";

/** Every repository of the organization with its last 7 days. */
export async function overviewPage(): Promise<Page> {
  const { repos } = await getJson<{ repos: Repo[] }>("/v1/repos");
  const range = lastDays(7);
  const rows = await Promise.all(
    repos.map(async (repo) => ({
      repo,
      insights: await getJson<Insights>(`/v1/repos/${encodeURIComponent(repo.id)}/insights${query(range)}`),
    })),
  );
  const body = section(
    "Repositories: the last 7 days",
    rows.length === 0
      ? empty("No repository is connected yet: superplane repo connect owner/name, or POST /v1/repos.")
      : table(
          ["Repository", "Runs", "Failed runs", "Share of tests run", "Time saved", "Trend"],
          rows.map(({ repo, insights }) => [
            h("a", { href: link("repos", repo.id) }, repo.name),
            insights.totals.runs,
            insights.totals.failed,
            percent(insights.totals.share_of_tests_run),
            duration(insights.totals.time_saved_ms),
            trend(insights.time_saved.trend),
          ]),
          "repos",
        ),
  );
  return { title: "Overview", body };
}
