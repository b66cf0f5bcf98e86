import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./sign-payload.js";

const T = 1_741_608_000;
const at = (seconds: number) => new Date((T + seconds) * 1000);

describe("webhook signatures", () => {
  it("sign the timestamp and the body: t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const body = '{"id":"whd_1","event":"run.passed"}';
    const hex = createHmac("sha256", "whsec_k").update(`${T}.${body}`).digest("hex");
    expect(signPayload("whsec_k", body, at(0))).toBe(`t=${T},v1=${hex}`);
    // A known vector, so a change of algorithm or encoding cannot pass unnoticed.
    expect(signPayload("key", "The quick brown fox jumps over the lazy dog", at(0))).toBe(
      `t=${T},v1=21bab36684cb06d89668299b4f2dc45bf7bb0709daa388c88d1cccd248635c0b`,
    );
  });

  it("verify only the exact body and timestamp under the exact secret, within five minutes", () => {
    const body = '{"a":1}';
    const header = signPayload("s", body, at(0));
    expect(verifySignature("s", body, header, at(0))).toBe(true);
    expect(verifySignature("s", body, header, at(300))).toBe(true);
    // A captured delivery replayed later is refused.
    expect(verifySignature("s", body, header, at(301))).toBe(false);
    expect(verifySignature("s", body, header, at(-301))).toBe(false);
    expect(verifySignature("s", '{"a":2}', header, at(0))).toBe(false);
    expect(verifySignature("t", body, header, at(0))).toBe(false);
    expect(verifySignature("s", body, undefined, at(0))).toBe(false);
    // The timestamp cannot be moved forward to look fresh: it is signed.
    expect(verifySignature("s", body, header.replace(`t=${T}`, `t=${T + 600}`), at(600))).toBe(false);
    expect(verifySignature("s", body, "t=x,v1=00", at(0))).toBe(false);
    expect(
      verifySignature("s", body, `sha256=${createHmac("sha256", "s").update(body).digest("hex")}`, at(0)),
    ).toBe(false);
  });

  it("accept any of several v1 signatures, as during a secret's rotation", () => {
    const body = "{}";
    const [t, v1] = signPayload("new", body, at(0)).split(",");
    expect(verifySignature("new", body, `${t},v1=${"0".repeat(64)},${v1}`, at(0))).toBe(true);
  });
});

describe("the README's verification code", () => {
  type Verify = (secret: string, body: string, header: string | undefined) => boolean;
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = /Verifying a delivery \(Node\):\s*```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const verify = new Function(
    "createHmac",
    "timingSafeEqual",
    `${block.replace(/^import .*$/m, "")}\nreturn verify;`,
  )(createHmac, timingSafeEqual) as Verify;

  it("accepts what the service signs now and refuses it six minutes later", () => {
    const header = signPayload("whsec_r", '{"a":1}', new Date());
    expect(verify("whsec_r", '{"a":1}', header)).toBe(true);
    expect(verify("whsec_r", '{"a":2}', header)).toBe(false);
    expect(
      verify("whsec_r", '{"a":1}', signPayload("whsec_r", '{"a":1}', new Date(Date.now() - 360_000))),
    ).toBe(false);
  });
});
