import type { TestProject } from "vitest/node";
import { bundleCliFromSource } from "../support/cli-from-source.js";

/**
 * Global setup of the projects whose files run `superplane serve` from source: the CLI bundled once
 * for the run instead of once per file (esbuild over the CLI and the service, about a second each
 * time), removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cli = await bundleCliFromSource();
  project.provide("superplaneCli", cli.command);
  return () => cli.dispose();
}
