import { getJson } from "../api.js";
import { calibrationChart } from "../charts.js";
import { empty, h, section, table } from "../dom.js";
import { when } from "../format.js";
import type { Page } from "../route.js";
import type { Model, ModelList } from "../types.js";

interface Event {
  at: string;
  what: string;
  model: Model;
  /** The event that ended the model: its reason belongs here. */
  ends: boolean;
}

/** Promotions and what ended each model (rolled back, rejected, retired), newest first. */
function events(models: readonly Model[]): Event[] {
  const out: Event[] = [];
  for (const model of models) {
    out.push({ at: model.created_at, what: "trained (candidate)", model, ends: false });
    if (model.promoted_at) out.push({ at: model.promoted_at, what: "promoted", model, ends: false });
    if (model.retired_at) {
      const what =
        model.status === "rolled_back" ? "rolled back" : model.status === "rejected" ? "rejected" : "retired";
      out.push({ at: model.retired_at, what, model, ends: true });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

function summary(list: ModelList): HTMLElement {
  return h(
    "dl",
    { class: "facts", "data-testid": "model-summary" },
    h("dt", {}, "Serving"),
    h("dd", {}, list.serving_model === "cold-start" ? "the graph alone (cold-start)" : list.serving_model),
    h("dt", {}, "Candidate"),
    h("dd", {}, list.candidate_model ?? "none"),
    h("dt", {}, "Full runs only"),
    h("dd", {}, list.full_runs_only ? "yes: the graph-only selection rolled back" : "no"),
    h("dt", {}, "Labelled runs"),
    h(
      "dd",
      {},
      `${list.labelled_runs} (${list.failures} failures, ${list.runs_since_model} since the last model)`,
    ),
  );
}

/** The repository's models: which serves, calibration, promotions and rollbacks. */
export async function modelsPage(repoId: string): Promise<Page> {
  const list = await getJson<ModelList>(`/v1/repos/${encodeURIComponent(repoId)}/models`);
  const shown = list.models.find((m) => m.id === list.serving_model) ?? list.models[0];
  const body = h(
    "div",
    {},
    summary(list),
    section(
      shown ? `Calibration of ${shown.id} (v${shown.version})` : "Calibration",
      shown && shown.calibration.length > 0
        ? calibrationChart(shown.calibration)
        : empty("No trained model yet: the dependency graph alone decides."),
    ),
    section(
      "Promotions and rollbacks",
      list.models.length === 0
        ? empty("None yet.")
        : table(
            ["When", "What", "Model", "Reason"],
            events(list.models).map((e) => [
              when(e.at),
              e.what,
              `${e.model.id} (v${e.model.version})`,
              e.ends ? (e.model.reason ?? "–") : "–",
            ]),
            "model-events",
          ),
    ),
    section(
      "Versions",
      list.models.length === 0
        ? empty("None yet.")
        : table(
            ["Version", "Status", "Trained", "Examples", "Failures"],
            list.models.map((m) => [`v${m.version}`, m.status, when(m.created_at), m.examples, m.failures]),
            "models",
          ),
    ),
  );
  return { title: "Models", repoId, body };
}
