import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// Browser safety and token refusals at the HTTP edge: CORS off unless origins are allowed, a
// cross-origin or form request cannot write, a bad token is answered 401 with its reason.

let db: Database;
let api: TestApi;
let withBi: TestApi;
const URL = "http://127.0.0.1/graphql";
const CLOSE = `mutation { closeTemporaryTask(countyCode: "QX", taskId: "QX-TT-2025-01", closedOn: "2025-09-01", note: "x") { __typename } }`;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_browser_safety"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
  withBi = await createTestApi(db, { corsOrigins: ["https://bi.example"] });
});
afterAll(async () => {
  await db?.close();
});

const json = (query: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify({ query }),
});

describe("browser safety", () => {
  it("a cross-origin form POST is refused before it runs, and changes nothing", async () => {
    const form = await api.fetch(URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: new URLSearchParams({ query: CLOSE }).toString(),
    });
    expect(form.status).toBe(403);
    expect(await form.text()).toContain("http://evil.example");
    // Without an Origin header (a non-browser client), a form is still not an operation: CSRF prevention.
    const bare = await api.fetch(URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: CLOSE }).toString(),
    });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain("CSRF");
    const task = await db.prisma.temporaryTask.findFirst({ where: { countyId: "QX", id: "QX-TT-2025-01" } });
    expect(task?.closingNote ?? null).not.toBe("x");
  });

  it("a request from an origin outside the allow-list is refused; CORS headers are never reflected", async () => {
    const refused = await api.fetch(
      URL,
      json(`{ county(code: "QX") { name } }`, { origin: "https://bi.example" }),
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const elsewhere = await withBi.fetch(
      URL,
      json(`{ county(code: "QX") { name } }`, { origin: "https://other.example" }),
    );
    expect(elsewhere.status).toBe(403);
  });

  it("an allowed origin is answered with CORS headers, without credentials", async () => {
    const answered = await withBi.fetch(
      URL,
      json(`{ county(code: "QX") { name } }`, { origin: "https://bi.example" }),
    );
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBe("https://bi.example");
    expect(answered.headers.get("access-control-allow-credentials")).not.toBe("true");
    expect(await answered.json()).toEqual({ data: { county: { name: "青溪县" } } });
  });

  it("the API's own origin (GraphiQL) is served, and GraphiQL still renders", async () => {
    const own = await api.fetch(URL, json(`{ county(code: "QX") { name } }`, { origin: "http://127.0.0.1" }));
    expect(own.status).toBe(200);
    const page = await api.fetch(URL, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("GraphiQL");
  });
});

describe("tokens at the edge", () => {
  it("an expired token is answered 401 TOKEN_EXPIRED, saying so", async () => {
    const expired = await api.tokenFor(api.actor, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    const response = await api.fetch(
      URL,
      json(`{ county(code: "QX") { name } }`, { authorization: `Bearer ${expired}` }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("invalid_token");
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("TOKEN_EXPIRED");
    expect(body.errors[0]?.message).toContain("过期");
  });

  it("an unsigned token (alg: none) is answered 401 and runs nothing", async () => {
    const token = new UnsecuredJWT({ role: "ADMINISTRATOR", name: "x" })
      .setSubject("x")
      .setAudience("dutylist")
      .encode();
    const response = await api.fetch(URL, json(CLOSE, { authorization: `Bearer ${token}` }));
    expect(response.status).toBe(401);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe("TOKEN_INVALID");
  });

  it("a token of another API's key is refused; a download without a token is 401", async () => {
    const other = await createTestApi(db);
    const foreign = await other.tokenFor(other.actor);
    const response = await api.fetch(
      URL,
      json(`{ county(code: "QX") { name } }`, { authorization: `Bearer ${foreign}` }),
    );
    expect(response.status).toBe(401);
    const download = await api.fetch("http://127.0.0.1/export/determinations.csv?countyCode=QX", {
      headers: { authorization: "" },
    });
    expect(download.status).toBe(401);
  });
});
