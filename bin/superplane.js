#!/usr/bin/env node
import module from "node:module";

// Node 22.1+ can keep compiled code between runs, so start-up skips recompiling our modules; older Node has no such API.
module.enableCompileCache?.();

// The bundle `npm run build` makes (scripts/bundle-cli.ts): one file loads much faster than build/cli's modules.
const { main } = await import("../build/bundle/superplane.js");
process.exitCode = await main(process.argv.slice(2));
