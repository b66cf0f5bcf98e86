import { snapshotFromRecord } from "../../selector/repo/types.js";
import { createResolver } from "../../selector/resolve/create-resolver.js";
import { resolverRepo } from "../generate/resolver-repo.js";
import { median } from "./measure.js";

/** The resolver alone on 50,000 cold specifiers (no cache shared between runs). CPU time, not wall. */
export function benchResolver(runs: number): void {
  const { files, imports } = resolverRepo();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const resolver = createResolver(snapshotFromRecord(files));
    for (const [specifier, from] of imports) resolver.resolve(specifier, from, "static");
    const used = process.cpuUsage(cpu);
    samples.push((used.user + used.system) / 1000);
  }
  const ms = median(samples);
  console.log(`\n## resolver: ${imports.length} imports of a 10,000-file monorepo`);
  console.log(
    `resolve all, cold (CPU)                      ${ms.toFixed(0)} ms  (${Math.round((imports.length / ms) * 1000)} resolutions/s)`,
  );
}
