import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { ROOT } from "../../scripts/bundle-action.js";

// By path from the repository root: the benchmark runs this module compiled, from build/.
const GITHUB_MOCK = join(ROOT, "test", "e2e", "github-mock.mjs");

/**
 * The action as GitHub ships it: action.yml and dist/ copied into `dir`, with no node_modules
 * there or in any folder above (which would hide a dependency the bundle forgot).
 */
export function installAction(dir: string): string {
  for (let up = resolve(dir); ; up = dirname(up)) {
    if (existsSync(join(up, "node_modules")))
      throw new Error(`${up}/node_modules would let the bundle find packages it does not carry`);
    if (up === parse(up).root) break;
  }
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
  cpSync(join(ROOT, "action.yml"), join(dir, "action.yml"));
  return dir;
}

const JOB_TOKEN_EXPRESSION = ["$", "{{ github.token }}"].join("");

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

/** INPUT_* as the runner sets them: every input of action.yml, the given value or its default. */
export function inputEnv(actionDir: string, inputs: Record<string, string>): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(actionDir, "action.yml"), "utf8")) as ActionYaml;
  const unknown = Object.keys(inputs).find((key) => !(key in manifest.inputs));
  if (unknown) throw new Error(`action.yml has no input ${unknown}`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    // The runner evaluates expressions in defaults; the one we use is the job's token.
    const fallback = (spec.default ?? "").replace(JOB_TOKEN_EXPRESSION, "ghs_e2e_job_token");
    // GitHub's naming: upper-cased, spaces to underscores, hyphens kept (INPUT_API-URL).
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = inputs[name] ?? fallback;
  }
  return env;
}

export interface GithubRequest {
  method: string;
  path: string;
  /** A check run as created (POST, with `head_sha`) or updated (PATCH). */
  body?: {
    name?: string;
    head_sha?: string;
    status?: string;
    conclusion?: string;
    output: {
      title: string;
      summary: string;
      annotations?: { path: string; start_line: number; annotation_level: string; title: string }[];
    };
  };
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT parsed. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's content. */
  summary: string;
  /** What the action asked of api.github.com. */
  github: GithubRequest[];
}

/** `name<<delimiter` blocks, as @actions/core writes them to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!open) continue;
    const [, name, delimiter] = open;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join("\n");
  }
  return outputs;
}

export interface RunSpec {
  actionDir: string;
  workspace: string;
  /** Where GITHUB_OUTPUT, the summary, the event and RUNNER_TEMP go. */
  runnerDir: string;
  eventName: string;
  event: unknown;
  sha: string;
  /** owner/name (GITHUB_REPOSITORY); the service keeps history and models per repository. */
  repository?: string;
  inputs: Record<string, string>;
  /** `forbidden`: check runs answer 403, as for a token without checks: write. */
  checks?: "ok" | "forbidden";
  /** What the compare API answers (else 404). */
  compare?: unknown;
  /** Without the GitHub mock (the benchmark: no github-token, so no GitHub call at all). */
  noGithubMock?: boolean;
  /** Extra environment, e.g. RUNNER_TEMP's cache. */
  env?: Record<string, string>;
}

/** Runs `node dist/index.js` in a child process with the environment a GitHub runner gives it. */
export async function runAction(spec: RunSpec): Promise<ActionRun> {
  const runner = spec.runnerDir;
  mkdirSync(join(runner, "temp"), { recursive: true });
  const files = {
    event: join(runner, "event.json"),
    output: join(runner, "output.txt"),
    summary: join(runner, "summary.md"),
    github: join(runner, "github-requests.jsonl"),
  };
  writeFileSync(files.event, JSON.stringify(spec.event));
  const compareFile = join(runner, "compare.json");
  if (spec.compare !== undefined) writeFileSync(compareFile, JSON.stringify(spec.compare));
  for (const file of [files.output, files.summary, files.github]) writeFileSync(file, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...inputEnv(spec.actionDir, spec.inputs),
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_EVENT_NAME: spec.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: spec.workspace,
    GITHUB_REPOSITORY: spec.repository ?? "acme/sample",
    GITHUB_SHA: spec.sha,
    GITHUB_API_URL: "https://api.github.com",
    RUNNER_TEMP: join(runner, "temp"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    SUPERPLANE_E2E_GITHUB_LOG: files.github,
    SUPERPLANE_E2E_CHECKS: spec.checks ?? "ok",
    ...(spec.compare !== undefined ? { SUPERPLANE_E2E_COMPARE: compareFile } : {}),
    ...spec.env,
  };
  const preload = spec.noGithubMock ? [] : ["--import", GITHUB_MOCK];
  const { exitCode, stdout, stderr } = await new Promise<{
    exitCode: number;
    stdout: string;
    stderr: string;
  }>((done, fail) => {
    // The runner starts the action in the workspace; the script path is the action's own.
    const child = spawn(process.execPath, [...preload, join(spec.actionDir, "dist", "index.js")], {
      cwd: spec.workspace,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => done({ exitCode: code ?? -1, stdout: out, stderr: err }));
  });
  const github = readFileSync(files.github, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GithubRequest);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(files.output, "utf8")),
    summary: readFileSync(files.summary, "utf8"),
    github,
  };
}
