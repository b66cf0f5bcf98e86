import { isAbsolute, resolve } from "node:path";
import { DEFAULT_POLICY_PATH } from "../selector/select/load-policy.js";

/** Every input, validated once; the rest of the action reads only this. */
export interface Settings {
  /** The service's base URL including `/v1`, without a trailing slash; absent: no service. */
  apiUrl?: string;
  token?: string;
  /** Repository-relative policy path (POSIX). */
  policy: string;
  base?: string;
  head?: string;
  threshold?: number;
  /** Command template with `{tests}` and/or `{tests_file}`. */
  run?: string;
  /** Glob(s) of JUnit XML reports, relative to the workspace; one per line or comma-separated. */
  junit: string[];
  githubToken?: string;
  /** The checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** This job is shard `index` of `total` (1-based): it runs its share of the selected tests. */
  shard?: { index: number; total: number };
}

/** A bad input: the step fails with this message (it names the input and the fix). */
export class InputError extends Error {
  override name = "InputError";
}

type GetInput = (name: string) => string;

function apiUrl(raw: string): string | undefined {
  if (raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`api-url: "${raw}" is not a URL (e.g. https://superplane.example.com/v1)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(`api-url: "${raw}" must be an http(s) URL`);
  }
  return raw.replace(/\/+$/, "");
}

function threshold(raw: string): number | undefined {
  if (raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InputError(`confidence-threshold: "${raw}" must be a number from 0 to 1 (e.g. 0.85)`);
  }
  return value;
}

function policyPath(raw: string): string {
  const path = (raw || DEFAULT_POLICY_PATH).replaceAll("\\", "/");
  if (isAbsolute(path) || path.split("/").includes("..")) {
    throw new InputError(
      `policy: "${raw}" must be a path inside the repository, like ${DEFAULT_POLICY_PATH}`,
    );
  }
  return path.replace(/^\.\//, "");
}

function runTemplate(raw: string): string | undefined {
  if (raw === "") return undefined;
  if (!raw.includes("{tests}") && !raw.includes("{tests_file}")) {
    throw new InputError(
      `run: "${raw}" names no tests; put {tests} (the test paths) or {tests_file} (a file listing them) in it`,
    );
  }
  return raw;
}

const optional = (value: string) => (value === "" ? undefined : value);

/** `I/N`, 1-based, as Vitest's and Jest's `--shard` take it. */
function shardOf(raw: string, run: string | undefined): Settings["shard"] {
  if (raw === "") return undefined;
  const match = /^(\d{1,4})\s*\/\s*(\d{1,4})$/.exec(raw);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || index < 1 || total > 1024 || index > total) {
    throw new InputError(
      `shard: "${raw}" must be I/N with 1 <= I <= N <= 1024, e.g. shard: \${{ matrix.shard }}/\${{ strategy.job-total }} with matrix.shard 1..N`,
    );
  }
  if (!run) {
    throw new InputError(
      `shard: "${raw}" needs the run input: each shard runs its share of the selected tests`,
    );
  }
  return { index, total };
}

/** Reads and checks every input; throws InputError on the first bad one. */
export function readSettings(getInput: GetInput, env: NodeJS.ProcessEnv): Settings {
  const input = (name: string) => getInput(name).trim();
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const settings: Settings = {
    policy: policyPath(input("policy")),
    junit: input("junit")
      .split(/[\n,]/)
      .map((glob) => glob.trim())
      .filter((glob) => glob !== ""),
    workspace,
  };
  const url = apiUrl(input("api-url"));
  if (url) settings.apiUrl = url;
  const token = optional(input("token"));
  if (token) settings.token = token;
  const base = optional(input("base"));
  if (base) settings.base = base;
  const head = optional(input("head"));
  if (head) settings.head = head;
  const value = threshold(input("confidence-threshold"));
  if (value !== undefined) settings.threshold = value;
  const run = runTemplate(input("run"));
  if (run) settings.run = run;
  const githubToken = optional(input("github-token"));
  if (githubToken) settings.githubToken = githubToken;
  const shard = shardOf(input("shard"), run);
  if (shard) settings.shard = shard;
  return settings;
}
