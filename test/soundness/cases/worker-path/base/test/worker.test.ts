import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { expect, test } from "vitest";

test("the worker greets", async () => {
  const worker = new Worker(join(__dirname, "..", "src", "worker.mjs"));
  const message = await new Promise((resolve) => worker.once("message", resolve));
  await worker.terminate();
  expect(message).toBe("Hello, Ada");
});
