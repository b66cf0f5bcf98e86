import Fastify from "fastify";
import { compactBody } from "../../action/service/selection-wire.js";
import type { AnswerForm } from "../../contract/decision-columns.js";
import { SelectionResponse } from "../../contract/selection.js";
import { SelectionBody } from "../../contract/test-columns.js";
import { sendDecisions } from "../../service/http/decision-columns.js";
import { validatorCompiler } from "../../service/http/validator-compiler.js";
import { selectTests } from "../../service/selection/select-tests.js";
import { testsOfBody } from "../../service/selection/test-columns.js";
import { median } from "./measure.js";
import { selectionBody } from "./selection-body.js";

const SHAPE = { tests: 5_000, changedFiles: 200, reachableShare: 0.2 };
const SAMPLES = Number(process.env.BENCH_WIRE_SAMPLES ?? 150);

/** The process's CPU time so far in ms, every thread's (the garbage collector's helpers too). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A body as the service reads it: parsed, validated by the route's compiler, its tests as objects. */
function bodyReader() {
  const validate = validatorCompiler()({
    schema: SelectionBody,
    httpPart: "body",
    method: "POST",
    url: "/v1/selection",
  }) as unknown as (data: unknown) => boolean;
  return async (text: string) => {
    const body = JSON.parse(text);
    if (!validate(body)) throw new Error("the bench body does not validate");
    return testsOfBody(body);
  };
}

/** A Fastify app answering the selection's answer in the form asked, by the routes' own `sendDecisions`. */
async function answerApp(answer: Parameters<typeof sendDecisions>[1]) {
  const app = Fastify();
  app.post<{ Querystring: { form: AnswerForm } }>(
    "/answer",
    { schema: { response: { 200: SelectionResponse } } },
    (request, reply) => sendDecisions(reply.code(200), answer, request.query.form),
  );
  await app.ready();
  return app;
}

/**
 * `npm run bench -- --only wire`: the CPU the service spends on a 5,000-test selection's wire
 * format, in process, each form alternating with the other so both see the same load: reading
 * the body (JSON.parse, the route's schema, the tests as objects) with the tests as objects and
 * as columns, and writing the answer (the route's `sendDecisions`, to bytes) with the decisions
 * as objects and as columns. Medians of BENCH_WIRE_SAMPLES.
 */
export async function benchWire(): Promise<void> {
  const objects = JSON.stringify(selectionBody("repo_x", SHAPE));
  const columns = JSON.stringify(compactBody(selectionBody("repo_x", SHAPE)));
  const read = bodyReader();
  const result = await selectTests(selectionBody("repo_x", SHAPE), undefined);
  const selection = { run_id: "run_x", model_version: "cold-start", ...result };
  const app = await answerApp(selection);
  const samples: Record<string, number[]> = {};
  const sizes: Record<string, number> = {};
  const measure = async (name: string, work: () => Promise<number>) => {
    const before = cpuMs();
    sizes[name] = await work();
    const spent = cpuMs() - before;
    samples[name] = [...(samples[name] ?? []), spent];
  };
  const answer = async (form: AnswerForm) => {
    const response = await app.inject({ method: "POST", url: `/answer?form=${form}` });
    return response.rawPayload.length;
  };
  try {
    for (let i = 0; i < SAMPLES; i++) {
      await measure("read: tests as objects", async () => {
        await read(objects);
        return objects.length;
      });
      await measure("read: tests as columns", async () => {
        await read(columns);
        return columns.length;
      });
      await measure("answer: decisions as objects", () => answer("decisions"));
      await measure("answer: decisions as columns", () => answer("columns"));
    }
  } finally {
    await app.close();
  }
  console.log(
    `\n## wire: a ${SHAPE.tests.toLocaleString("en")}-test selection, CPU per request in process (medians of ${SAMPLES})`,
  );
  for (const [name, values] of Object.entries(samples)) {
    const kib = `${(sizes[name]! / 1024).toFixed(0)} KiB`;
    console.log(`${name.padEnd(32)}${`${median(values).toFixed(1)} ms`.padStart(10)}${kib.padStart(12)}`);
  }
}
