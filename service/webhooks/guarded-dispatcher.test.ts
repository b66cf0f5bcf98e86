import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type TestReceiver } from "../../test/support/webhook-receiver.js";
import { publicOnlyLookup, refusedLiteral, webhookDispatcher } from "./guarded-dispatcher.js";

let receiver: TestReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const port = () => new URL(receiver.url).port;

describe("the webhook HTTP client", () => {
  it("refuses a name that resolves to loopback when the socket connects", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup("localhost", {}, (failure) => resolve(failure)),
    );
    // The attempt log is the organization's to read; what the service's DNS answered is not.
    expect(error?.message).toBe("localhost does not resolve to public addresses only");
    const guarded = webhookDispatcher(false);
    await expect(
      request(`http://localhost:${port()}/hook`, { method: "POST", body: "{}", dispatcher: guarded }),
    ).rejects.toThrow(/does not resolve to public addresses only/);
    await guarded.close();
    expect(receiver.received).toEqual([]);
  });

  it("says the same of a name that does not resolve at all", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup("nowhere.invalid", {}, (failure) => resolve(failure)),
    );
    expect(error?.message).toBe("nowhere.invalid does not resolve to public addresses only");
  });

  it("connects to private addresses when the operator allows them", async () => {
    const open = webhookDispatcher(true);
    const response = await request(`http://localhost:${port()}/hook`, {
      method: "POST",
      body: "{}",
      dispatcher: open,
    });
    await response.body.dump();
    expect(response.statusCode).toBe(204);
    await open.close();
  });

  it("names literal private addresses and localhost before any connection", () => {
    expect(refusedLiteral(new URL("http://10.0.0.8/h"))).toBe("10.0.0.8 is a private or loopback address");
    expect(refusedLiteral(new URL("http://[::1]:8/h"))).toBe("::1 is a private or loopback address");
    expect(refusedLiteral(new URL("http://api.localhost/h"))).toBe("api.localhost is a loopback address");
    expect(refusedLiteral(new URL("http://[::127.0.0.1]/h"))).toBe(
      "::7f00:1 is a private or loopback address",
    );
    expect(refusedLiteral(new URL("http://[64:ff9b::a9fe:a9fe]/h"))).toBe(
      "64:ff9b::a9fe:a9fe is a private or loopback address",
    );
    expect(refusedLiteral(new URL("http://[2002:a9fe:a9fe::]/h"))).toBe(
      "2002:a9fe:a9fe:: is a private or loopback address",
    );
    expect(refusedLiteral(new URL("https://8.8.8.8/h"))).toBeUndefined();
    expect(refusedLiteral(new URL("https://hooks.example.com/h"))).toBeUndefined();
  });
});
