import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const CHILD = fileURLToPath(new URL("../src/child.mjs", import.meta.url));

test("the child process greets", async () => {
  const child = fork(CHILD);
  const message = await new Promise((resolve) => child.once("message", resolve));
  await new Promise((resolve) => child.once("exit", resolve));
  expect(message).toBe("Hello, Ada");
});
