import { resourceUsage } from "node:process";

// The CLI as users run it (bin/superplane.js and the bundle it loads), reporting its peak resident
// memory (threads included) for the benchmark. The bin script sets process.exitCode itself.
// @ts-expect-error: plain JavaScript without declarations, resolved from build/test/bench at run time.
await import("../../../bin/superplane.js");
process.stderr.write(`max_rss_kib=${resourceUsage().maxRSS}\n`);
