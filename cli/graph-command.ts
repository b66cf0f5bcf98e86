import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { DependencyGraph } from "../selector/graph/types.js";
import { defaultCores } from "../selector/select/run-selection.js";
import { selectInRepo } from "../selector/select/select-in-repo.js";
import { EXIT, UsageError } from "./exit-codes.js";

export interface GraphFlags {
  repo: string;
  rev: string;
  base?: string;
  format: string;
  why?: string;
  policy?: string;
  output?: string;
}

function toJson(graph: DependencyGraph): unknown {
  const nodes = [...graph.nodes.values()].map((node) => ({
    path: node.path,
    test: node.isTest,
    ...(node.deleted ? { deleted: true } : {}),
    imports: node.imports.map((e) => ({
      to: e.to,
      kind: e.kind,
      names: e.names,
      line: e.line,
      ...(e.weak ? { weak: true } : {}),
      ...(e.via ? { via: e.via } : {}),
    })),
    importers: node.importers.length,
    external: node.external,
    unresolved: node.unresolved,
  }));
  return { files: nodes.length, tests: nodes.filter((n) => n.test).length, nodes };
}

function toDot(graph: DependencyGraph): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = ["digraph superplane {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"];
  for (const node of graph.nodes.values()) {
    if (node.isTest) lines.push(`  ${quote(node.path)} [style=filled, fillcolor="#e0f0ff"];`);
    for (const edge of node.imports) {
      const style = edge.weak ? " [style=dashed]" : edge.kind === "type" ? " [color=gray]" : "";
      lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${style};`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** `superplane graph`: the file graph at a revision, or why one test is (not) selected. */
export async function graphCommand(flags: GraphFlags, log: (line: string) => void): Promise<number> {
  if (!["json", "dot"].includes(flags.format)) {
    throw new UsageError(`--format must be json or dot (got "${flags.format}")`);
  }
  if (flags.why && !flags.base) throw new UsageError("--why needs --base: the change to explain");
  const output = await selectInRepo({
    repoDir: resolve(flags.repo),
    base: flags.base ?? flags.rev,
    head: flags.rev,
    ...(flags.policy ? { policyFile: resolve(flags.policy) } : {}),
    cores: defaultCores(),
  });
  let text: string;
  if (flags.why) {
    const decision = output.result.decisions.find((d) => d.test_path === flags.why);
    if (!decision) {
      log(`error: ${flags.why} is not a test at ${flags.rev} (by the policy's tests.include/exclude)`);
      return EXIT.usage;
    }
    const verdict = decision.selected ? "selected" : "skipped";
    text = `${decision.test_path}: ${verdict}, confidence ${decision.confidence}\n${decision.reasons.map((r) => `  ${r}\n`).join("")}`;
  } else {
    text =
      flags.format === "dot" ? toDot(output.graph) : `${JSON.stringify(toJson(output.graph), null, 2)}\n`;
  }
  if (flags.output) await writeFile(flags.output, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
