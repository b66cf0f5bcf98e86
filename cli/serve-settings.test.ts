import { describe, expect, it } from "vitest";
import { UsageError } from "./exit-codes.js";
import { serveSettings } from "./serve-settings.js";

const base = { port: "8080", host: "127.0.0.1" };

describe("serve settings", () => {
  it("defaults to SQLite, 1,000 requests a minute, public webhooks and a 10 s timeout", () => {
    expect(serveSettings(base, {})).toEqual({
      port: 8080,
      host: "127.0.0.1",
      databaseUrl: "./superplane.db",
      databaseTimeouts: { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000, readTimeoutMs: 11_000 },
      rateLimit: 1000,
      allowPrivateWebhooks: false,
      webhookTimeoutMs: 10_000,
      runTimeoutMs: 6 * 60 * 60_000,
      queuedTimeoutMs: 24 * 60 * 60_000,
      trustProxy: false,
    });
    expect(serveSettings({}, {})).toMatchObject({ port: 8080, host: "127.0.0.1" });
  });

  it("takes every setting from the environment alone, as a container is configured", () => {
    const env = {
      SUPERPLANE_HOST: "0.0.0.0",
      SUPERPLANE_PORT: "9000",
      SUPERPLANE_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1,loopback",
      SUPERPLANE_ADMIN_KEY: "k".repeat(32),
    };
    expect(serveSettings({}, env)).toMatchObject({
      host: "0.0.0.0",
      port: 9000,
      trustProxy: "10.0.0.0/8,127.0.0.1,loopback",
      adminKey: "k".repeat(32),
    });
    expect(serveSettings({ port: "9001", host: "::1" }, env)).toMatchObject({ port: 9001, host: "::1" });
    expect(serveSettings({}, { SUPERPLANE_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(serveSettings({}, { SUPERPLANE_ADMIN_KEY: "" })).not.toHaveProperty("adminKey");
  });

  it("reads SUPERPLANE_* variables, and flags win over them", () => {
    const env = {
      SUPERPLANE_DATABASE_URL: "postgres://db/sp",
      SUPERPLANE_REDIS_URL: "redis://cache:6379",
      SUPERPLANE_RATE_LIMIT: "500",
      SUPERPLANE_ALLOW_PRIVATE_WEBHOOKS: "true",
      SUPERPLANE_WEBHOOK_TIMEOUT_MS: "2000",
      SUPERPLANE_RUN_TIMEOUT_MINUTES: "90",
      SUPERPLANE_QUEUED_TIMEOUT_MINUTES: "120",
    };
    expect(serveSettings(base, env)).toMatchObject({
      databaseUrl: "postgres://db/sp",
      redisUrl: "redis://cache:6379",
      rateLimit: 500,
      allowPrivateWebhooks: true,
      webhookTimeoutMs: 2000,
      runTimeoutMs: 90 * 60_000,
      queuedTimeoutMs: 120 * 60_000,
    });
    const flags = {
      ...base,
      redis: "rediss://other:6380",
      rateLimit: "20",
      webhookTimeout: "500",
      runTimeout: "30",
      queuedTimeout: "45",
    };
    expect(serveSettings(flags, env)).toMatchObject({
      redisUrl: "rediss://other:6380",
      rateLimit: 20,
      webhookTimeoutMs: 500,
      runTimeoutMs: 30 * 60_000,
      queuedTimeoutMs: 45 * 60_000,
    });
    expect(serveSettings({ ...base, allowPrivateWebhooks: true }, {}).allowPrivateWebhooks).toBe(true);
    expect(serveSettings(base, { SUPERPLANE_ALLOW_PRIVATE_WEBHOOKS: "0" }).allowPrivateWebhooks).toBe(false);
  });

  it("takes the public URL the run answers link under, without a trailing slash", () => {
    expect(serveSettings({}, { SUPERPLANE_PUBLIC_URL: "https://sp.example.com/" }).publicUrl).toBe(
      "https://sp.example.com",
    );
    expect(serveSettings({}, {})).not.toHaveProperty("publicUrl");
    expect(() => serveSettings({}, { SUPERPLANE_PUBLIC_URL: "sp.example.com" })).toThrow(
      'SUPERPLANE_PUBLIC_URL must be an http(s) URL (got "sp.example.com")',
    );
  });

  it("refuses values that are not what they claim to be", () => {
    const cases: [Record<string, string>, string][] = [
      [{ port: "http" }, '--port must be a whole number from 0 to 65535 (got "http")'],
      [{ rateLimit: "0" }, '--rate-limit must be a whole number from 1 to 10000000 (got "0")'],
      [{ rateLimit: "1e3" }, '--rate-limit must be a whole number from 1 to 10000000 (got "1e3")'],
      [{ webhookTimeout: "5" }, '--webhook-timeout must be a whole number from 100 to 120000 (got "5")'],
      [{ runTimeout: "0" }, '--run-timeout must be a whole number from 1 to 43200 (got "0")'],
      [{ queuedTimeout: "1h" }, '--queued-timeout must be a whole number from 1 to 43200 (got "1h")'],
      [{ redis: "cache:6379" }, '--redis must be a redis:// or rediss:// URL (got "cache:6379")'],
      [
        { trustProxy: "1" },
        '--trust-proxy must be true, or addresses, CIDR ranges, loopback, linklocal or uniquelocal separated by commas (got "1")',
      ],
      [
        { trustProxy: "10.0.0.0/33" },
        '--trust-proxy must be true, or addresses, CIDR ranges, loopback, linklocal or uniquelocal separated by commas (got "10.0.0.0/33")',
      ],
    ];
    for (const [flags, message] of cases) {
      expect(() => serveSettings({ ...base, ...flags }, {})).toThrow(new UsageError(message));
    }
    for (const key of ["k".repeat(31), `${"k".repeat(20)} ${"k".repeat(20)}`]) {
      expect(() => serveSettings(base, { SUPERPLANE_ADMIN_KEY: key })).toThrow(
        new UsageError(
          "SUPERPLANE_ADMIN_KEY must be at least 32 characters with no spaces (make one with: openssl rand -hex 32)",
        ),
      );
    }
  });

  it("takes the secret key from SUPERPLANE_SECRET_KEY alone, 64 hex characters, and the GitHub API root", () => {
    const key = "ab".repeat(32);
    expect(serveSettings({}, { SUPERPLANE_SECRET_KEY: key }).secretKey).toEqual(Buffer.from(key, "hex"));
    expect(serveSettings({}, { SUPERPLANE_SECRET_KEY: "" })).not.toHaveProperty("secretKey");
    expect(() => serveSettings({}, { SUPERPLANE_SECRET_KEY: "hunter2" })).toThrow(
      new UsageError(
        "SUPERPLANE_SECRET_KEY must be 64 hex characters (32 bytes; make one with: openssl rand -hex 32)",
      ),
    );
    const ghes = { SUPERPLANE_GITHUB_API_URL: "https://ghe.example.com/api/v3/" };
    expect(serveSettings({}, ghes).githubApiUrl).toBe("https://ghe.example.com/api/v3");
    expect(() => serveSettings({}, { SUPERPLANE_GITHUB_API_URL: "ghe.example.com" })).toThrow(
      'SUPERPLANE_GITHUB_API_URL must be an http(s) URL (got "ghe.example.com")',
    );
  });
});
