import type { ChangeStatus } from "../diff/types.js";

export interface Decision {
  test_path: string;
  selected: boolean;
  confidence: number;
  reasons: string[];
}

export interface SelectionWarning {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

/** The selection in the API's shape (DESIGN: selection semantics, `POST /v1/selection`). */
export interface SelectionResult {
  mode: "selective" | "full";
  /** Why every test runs, in full mode. */
  full_reason?: string;
  confidence_threshold: number;
  granularity: "symbol" | "file";
  tests_selected: number;
  tests_total: number;
  decisions: Decision[];
  /** Test files the change deleted: reported, never run. */
  deleted_tests: string[];
  changed_files: { path: string; status: ChangeStatus; old_path?: string }[];
  warnings: SelectionWarning[];
  timings: Record<string, number>;
}
