import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { SelectionRequest } from "../../contract/selection.js";
import { validatorCompiler } from "../../service/http/validator-compiler.js";

/**
 * The floor the selection endpoint is measured against (service-bench.ts): a bare node:http server
 * that reads the body, `JSON.parse`s it, optionally validates it with the service's own ajv
 * compiler, and answers `JSON.stringify` of a real selection answer. No framework, no decision,
 * no storage: what this machine manages for the wire format alone. Started as `spawnServe` starts
 * `superplane serve` (it prints the same "listening" line), with `--processes N` on node:cluster.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    answer: { type: "string" },
    validate: { type: "boolean", default: false },
    processes: { type: "string", default: "1" },
  },
  allowPositionals: true,
});
const processes = Number(values.processes);

if (cluster.isPrimary && processes > 1) {
  let listening = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().on("message", (url: string) => {
      if (++listening === processes) process.stderr.write(`superplane: listening on ${url} (floor)\n`);
    });
  }
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exitCode = 0;
  });
} else {
  if (!values.answer) throw new Error("--answer <file> names the answer to send");
  const answer = JSON.parse(readFileSync(values.answer, "utf8")) as unknown;
  const validate = values.validate
    ? (validatorCompiler()({
        schema: SelectionRequest,
        httpPart: "body",
        method: "POST",
        url: "/v1/selection",
      }) as (data: unknown) => boolean)
    : undefined;
  const server = createServer((request, response) => {
    // The bench's health probe, answered at once as the service's is.
    if (request.method !== "POST") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      if (validate && !validate(body)) {
        response.writeHead(400).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(answer));
    });
  });
  server.listen(Number(values.port), "127.0.0.1", () => {
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    if (cluster.isWorker) process.send?.(url);
    else process.stderr.write(`superplane: listening on ${url} (floor)\n`);
  });
  process.on("SIGTERM", () => {
    server.close();
    server.closeAllConnections();
    if (cluster.isWorker) cluster.worker?.disconnect();
  });
}
