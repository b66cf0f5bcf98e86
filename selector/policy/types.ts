/** The validated `.superplane/policy.yml`, defaults filled in. */
export interface Policy {
  version: 1;
  tests: { include: string[]; exclude: string[] };
  selection: { confidence_threshold: number };
  always_run: string[];
  run_all_when: string[];
  /** The built-in rule that a change under .github/workflows/ runs every test (default true). */
  run_all_on_workflow_change: boolean;
  dependencies: { files: string; tests: string }[];
  canary: { full_run_rate: number; max_miss_rate: number; window: number };
  flaky: { quarantine: boolean };
}
