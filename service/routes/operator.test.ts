import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "../../test/support/service-kit.js";
import { isOperatorKey } from "../auth/operator-key.js";

const ADMIN_KEY = "0123456789abcdef0123456789abcdef-operator";

// One app with the key for every case (each uses its own organization names), one without.
let kit: Kit;
let keyless: Kit;
beforeAll(async () => {
  kit = await makeKit({ adminKey: ADMIN_KEY });
  keyless = await makeKit();
});
afterAll(async () => {
  await kit?.close();
  await keyless?.close();
});

const createOrg = (key: string | undefined, body: unknown = { name: "initech" }, app = kit.app) =>
  app.inject({
    method: "POST",
    url: "/v1/orgs",
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    payload: body as Record<string, unknown>,
  });

interface Operation {
  method: string;
  url: string;
}

/** Every route the OpenAPI document says needs an organization token, with made-up ids. */
async function tokenRoutes(): Promise<Operation[]> {
  const doc = (await kit.app.inject({ url: "/v1/openapi.json" })).json() as {
    paths: Record<string, Record<string, { security?: { bearer?: unknown }[] }>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!operation.security?.some((s) => "bearer" in s)) continue;
      operations.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, "x_1") });
    }
  }
  return operations;
}

describe("the operator key (SUPERPLANE_ADMIN_KEY)", () => {
  it("creates an organization and its first token, which then works like any other", async () => {
    const created = await createOrg(ADMIN_KEY, { name: "initech", expires_in_days: 30 });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      id: expect.stringMatching(/^org_/),
      name: "initech",
      token: {
        id: expect.stringMatching(/^tok_/),
        token: expect.stringMatching(/^spl_tok_/),
        scope: "read+write",
      },
    });
    expect(Date.parse(body.token.expires_at) - Date.parse(body.token.created_at)).toBe(30 * 86_400_000);
    const org = await kit.call(body.token.token, { url: "/v1/org" });
    expect([org.statusCode, org.json().name]).toEqual([200, "initech"]);
    const read = (await createOrg(ADMIN_KEY, { name: "hooli", token_scope: "read" })).json();
    expect(read.token.scope).toBe("read");
  });

  it("cannot reach an existing organization: 409, and no token is minted", async () => {
    const again = await createOrg(ADMIN_KEY, { name: "acme" });
    expect([again.statusCode, again.json().error]).toEqual([
      409,
      expect.objectContaining({ code: "CONFLICT", message: 'organization "acme" already exists' }),
    ]);
    expect((await createOrg(ADMIN_KEY, { name: "umbrella" })).statusCode).toBe(201);
    expect((await createOrg(ADMIN_KEY, { name: "umbrella" })).statusCode).toBe(409);
  });

  it("refuses anything but the key on POST /v1/orgs: none, a wrong one, an organization token", async () => {
    for (const key of [undefined, `${ADMIN_KEY}x`, ADMIN_KEY.slice(0, -1), "short", kit.tokens.write]) {
      const refused = await createOrg(key, { name: "refused" });
      expect([key, refused.statusCode, refused.json().error.code]).toEqual([key, 401, "UNAUTHORIZED"]);
    }
    const invalid = await createOrg(ADMIN_KEY, { name: " padded " });
    expect([invalid.statusCode, invalid.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("is refused by every other route that needs a token", async () => {
    const operations = await tokenRoutes();
    expect(operations.length).toBeGreaterThan(15);
    for (const operation of operations) {
      const response = await kit.call(ADMIN_KEY, { method: operation.method as "GET", url: operation.url });
      expect([operation, response.statusCode]).toEqual([operation, 401]);
    }
    const openapi = (await kit.app.inject({ url: "/v1/openapi.json" })).json();
    expect(openapi.paths["/v1/orgs"].post.security).toEqual([{ operator: [] }]);
  });

  it("without a key the route does not exist", async () => {
    for (const key of [undefined, ADMIN_KEY, keyless.tokens.write]) {
      const missing = await createOrg(key, { name: "initech" }, keyless.app);
      expect([missing.statusCode, missing.json().error.code]).toEqual([404, "NOT_FOUND"]);
    }
  });

  it("is compared whole, whatever the lengths", () => {
    expect(isOperatorKey(ADMIN_KEY, ADMIN_KEY)).toBe(true);
    expect(isOperatorKey(ADMIN_KEY, ADMIN_KEY.toUpperCase())).toBe(false);
    expect(isOperatorKey(ADMIN_KEY, "")).toBe(false);
    expect(isOperatorKey(ADMIN_KEY, `${ADMIN_KEY}${ADMIN_KEY}`)).toBe(false);
  });
});
