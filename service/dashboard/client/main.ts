import "uplot/dist/uPlot.min.css";
import "./style.css";
import { getJson, type Session, SignedOut, signOut } from "./api.js";
import { h } from "./dom.js";
import { flakyPage } from "./pages/flaky.js";
import { modelsPage } from "./pages/models.js";
import { overviewPage } from "./pages/overview.js";
import { repoInsightsPage } from "./pages/repo-insights.js";
import { runPage } from "./pages/run.js";
import { runsPage } from "./pages/runs.js";
import { testsPage } from "./pages/tests.js";
import { link, type Page, parseHash } from "./route.js";
import { signInForm } from "./sign-in.js";

const main = document.getElementById("app")!;
const header = document.getElementById("header")!;

function pageFor(hash: string): Promise<Page> {
  const { path, query } = parseHash(hash);
  const [first, id, sub] = path;
  if (first === "runs" && id) return runPage(id);
  if (first === "repos" && id) {
    if (sub === "runs") return runsPage(id, query);
    if (sub === "flaky") return flakyPage(id);
    if (sub === "models") return modelsPage(id);
    if (sub === "tests") return testsPage(id);
    return repoInsightsPage(id, query);
  }
  return overviewPage();
}

function navigation(session: Session, repoId: string | undefined): HTMLElement {
  const out = h("button", { type: "button", class: "sign-out" }, "Sign out");
  out.addEventListener("click", () => {
    signOut().then(render, render);
  });
  const repoLinks = repoId
    ? [
        h("a", { href: link("repos", repoId) }, "Insights"),
        h("a", { href: link("repos", repoId, "runs") }, "Runs"),
        h("a", { href: link("repos", repoId, "tests") }, "Tests"),
        h("a", { href: link("repos", repoId, "flaky") }, "Flaky"),
        h("a", { href: link("repos", repoId, "models") }, "Models"),
      ]
    : [];
  return h(
    "nav",
    { class: "top" },
    h("a", { href: "#/", class: "brand" }, "SuperPlane"),
    h("span", { class: "org", "data-testid": "org" }, session.org),
    ...repoLinks,
    out,
  );
}

let rendering = 0;

async function render(): Promise<void> {
  const ticket = ++rendering;
  main.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  try {
    const session = await getJson<Session>("/dashboard/session");
    const page = await pageFor(location.hash);
    if (ticket !== rendering) return;
    document.title = `${page.title} · SuperPlane`;
    header.replaceChildren(navigation(session, page.repoId));
    main.replaceChildren(h("h1", {}, page.title), page.body);
  } catch (error) {
    if (ticket !== rendering) return;
    header.replaceChildren(h("nav", { class: "top" }, h("span", { class: "brand" }, "SuperPlane")));
    if (error instanceof SignedOut) {
      document.title = "Sign in · SuperPlane";
      main.replaceChildren(signInForm(render));
      return;
    }
    main.replaceChildren(
      h(
        "p",
        { class: "error", "data-testid": "page-error" },
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}

// A run's `dashboard_url` is /runs/{id}: the same page, routed by its hash from here on.
if (location.pathname !== "/" && !location.hash) {
  history.replaceState(null, "", `/#${location.pathname}`);
}

window.addEventListener("hashchange", () => {
  void render();
});
void render();
