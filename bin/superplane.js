#!/usr/bin/env node
import module from "node:module";

// Node 22.1+ can keep compiled code between runs, so start-up skips recompiling our modules; older Node has no such API.
module.enableCompileCache?.();

const { main } = await import("../build/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
