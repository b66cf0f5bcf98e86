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
    // IPv4 inside IPv6: compatible, mapped (hex too), translated, NAT64, 6to4; Teredo and local NAT64 whole.
    ["::127.0.0.1", true],
    ["::7f00:1", true],
    ["::8.8.8.8", false],
    ["::ffff:7f00:1", true],
    ["::ffff:0:a9fe:a9fe", true],
    ["64:ff9b::a9fe:a9fe", true],
    ["64:ff9b::169.254.169.254", true],
    ["64:ff9b::808:808", false],
    ["64:ff9b:1::808:808", true],
    ["2002:a9fe:a9fe::", true],
    ["2002:7f00:1::1", true],
    ["2002:808:808::1", false],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", true],
    ["2001:db8::1", true],
    ["100::1", true],
    ["fec0::1", true],
    ["192.0.2.1", true],
    ["203.0.113.9", true],
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
      "body.url: mixed.example must resolve to public addresses only",
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
      "body.url: gone.example must resolve to public addresses only",
    );
  });
});
