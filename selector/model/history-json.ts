import { emptyFailureStats, type FailureStats, type Label } from "./history.js";

/** FailureStats as JSON: maps become entry lists, so the service can store it as one text value. */
export interface FailureStatsJson {
  fileRuns: [string, number][];
  fileFailures: [string, [string, number][]][];
  recent: [string, Label[]][];
}

export function failureStatsToJson(stats: FailureStats): FailureStatsJson {
  return {
    fileRuns: [...stats.fileRuns],
    fileFailures: [...stats.fileFailures].map(([file, row]) => [file, [...row]]),
    recent: [...stats.recent],
  };
}

export function failureStatsFromJson(json: FailureStatsJson | undefined): FailureStats {
  if (!json) return emptyFailureStats();
  return {
    fileRuns: new Map(json.fileRuns),
    fileFailures: new Map(json.fileFailures.map(([file, row]) => [file, new Map(row)])),
    recent: new Map(json.recent),
  };
}
