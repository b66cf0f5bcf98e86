import { resourceUsage } from "node:process";
import { main } from "../../cli/main.js";

// The CLI as users run it, reporting its peak resident memory (threads included) for the benchmark.
const code = await main(process.argv.slice(2));
process.stderr.write(`max_rss_kib=${resourceUsage().maxRSS}\n`);
process.exitCode = code;
