import { getJson, query } from "../api.js";
import { empty, h, table } from "../dom.js";
import { duration, shortSha, when } from "../format.js";
import { link, type Page } from "../route.js";
import type { RunList, RunSummary } from "../types.js";

const STATUSES = ["", "queued", "pending", "running", "passed", "failed", "incomplete"];
const PER_PAGE = 50;

interface Filters {
  status: string;
  branch: string;
  pull_request: string;
  page: number;
}

function filtersOf(params: URLSearchParams): Filters {
  return {
    status: STATUSES.includes(params.get("status") ?? "") ? (params.get("status") ?? "") : "",
    branch: params.get("branch") ?? "",
    pull_request: /^\d+$/.test(params.get("pull_request") ?? "") ? params.get("pull_request")! : "",
    page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
  };
}

function runsHash(repoId: string, filters: Filters): string {
  return `${link("repos", repoId, "runs")}${query({
    status: filters.status,
    branch: filters.branch,
    pull_request: filters.pull_request,
    page: filters.page > 1 ? filters.page : undefined,
  })}`;
}

/** The filter form navigates by hash: the page's state is its address, so it can be shared. */
function filterForm(repoId: string, filters: Filters): HTMLFormElement {
  const status = h(
    "select",
    { name: "status", id: "filter-status" },
    ...STATUSES.map((s) => h("option", { value: s, selected: s === filters.status }, s || "any")),
  );
  const branch = h("input", {
    name: "branch",
    id: "filter-branch",
    value: filters.branch,
    placeholder: "main",
  });
  const pr = h("input", {
    name: "pull_request",
    id: "filter-pr",
    value: filters.pull_request,
    placeholder: "123",
  });
  const form = h(
    "form",
    { class: "filters", "data-testid": "run-filters" },
    h("label", { for: "filter-status" }, "Status "),
    status,
    h("label", { for: "filter-branch" }, " Branch "),
    branch,
    h("label", { for: "filter-pr" }, " Pull request "),
    pr,
    h("button", { type: "submit" }, "Filter"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = runsHash(repoId, {
      status: status.value,
      branch: branch.value.trim(),
      pull_request: pr.value.trim(),
      page: 1,
    });
  });
  return form;
}

function context(run: RunSummary): string {
  const parts = [run.branch ?? "", run.pull_request ? `#${run.pull_request}` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "–";
}

/** A repository's runs, newest first, filtered by status, branch and pull request. */
export async function runsPage(repoId: string, params: URLSearchParams): Promise<Page> {
  const filters = filtersOf(params);
  const list = await getJson<RunList>(
    `/v1/runs${query({
      repo_id: repoId,
      status: filters.status,
      branch: filters.branch,
      pull_request: filters.pull_request,
      page: filters.page,
      per_page: PER_PAGE,
    })}`,
  );
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  const pager = h(
    "nav",
    { class: "pager" },
    filters.page > 1
      ? h("a", { href: runsHash(repoId, { ...filters, page: filters.page - 1 }) }, "← newer")
      : null,
    ` page ${filters.page} of ${pages} (${list.total} runs) `,
    filters.page < pages
      ? h("a", { href: runsHash(repoId, { ...filters, page: filters.page + 1 }) }, "older →")
      : null,
  );
  const rows = list.runs.map((run) => [
    h("a", { href: link("runs", run.id) }, when(run.created_at)),
    h("code", {}, shortSha(run.commit_sha)),
    context(run),
    h("span", { class: `status ${run.status}` }, run.status),
    run.mode,
    `${run.tests_selected} / ${run.tests_total}`,
    run.duration_ms === null ? "–" : duration(run.duration_ms),
  ]);
  const body = h(
    "div",
    {},
    filterForm(repoId, filters),
    rows.length === 0
      ? empty("No run matches.")
      : table(["Started", "Commit", "Branch / PR", "Status", "Mode", "Tests run", "Duration"], rows, "runs"),
    pager,
  );
  return { title: "Runs", repoId, body };
}
