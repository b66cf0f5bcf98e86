import { describe, expect, it } from "vitest";
import { checkWebhookTarget, isPrivateAddress } from "./webhook-target.js";

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.0.0.8", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["8.8.8.8", false],
    ["::1", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["2606:4700::1111", false],
    ["not-an-ip", true],
  ])("%s is private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe("checkWebhookTarget", () => {
  const resolve = async (host: string) => (host === "mixed.example" ? ["8.8.8.8", "10.0.0.1"] : ["8.8.4.4"]);

  it("accepts public targets and refuses a name with any private address", async () => {
    await expect(checkWebhookTarget("https://hooks.example/x", resolve, false)).resolves.toBeUndefined();
    await expect(checkWebhookTarget("https://mixed.example/x", resolve, false)).rejects.toThrow(
      "body.url: mixed.example resolves to a private or loopback address (10.0.0.1)",
    );
  });

  it("refuses credentials in the URL and names that do not resolve", async () => {
    await expect(checkWebhookTarget("https://u:p@hooks.example/x", resolve, true)).rejects.toThrow(
      "body.url: must not carry credentials; use the signing secret",
    );
    const failing = async () => {
      throw new Error("ENOTFOUND");
    };
    await expect(checkWebhookTarget("https://gone.example/x", failing, false)).rejects.toThrow(
      "body.url: cannot resolve host gone.example",
    );
  });
});
