import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ListeningApi,
  launchBrowser,
  listenOnLoopback,
  type OfflinePage,
  offlinePage,
} from "./browser.ts";
import { ensureDemoCounty } from "./demo-data.ts";
import { actorWithRole } from "./test-api.ts";
import { GRAPHIQL_TITLE } from "./yoga.ts";

// GraphiQL with no network: the page at /graphql carries its own scripts, styles and editor
// workers (@graphql-yoga/render-graphiql), so a browser that can reach nothing but the server
// still gets a working editor. Every request off 127.0.0.1 is aborted and must never be tried.

let db: Database;
let api: ListeningApi;
let browser: Browser;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_graphiql"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await listenOnLoopback(db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await db?.close();
});

/** Monaco renders spaces as no-break spaces, one element per line: text as typed, lines joined. */
const plain = (text: string) => text.replace(/\u00a0/g, " ").trim();

/** Replaces the text of the Monaco editor in `editor` (its hidden textarea takes the keys). */
async function setEditorText(page: Page, editor: string, text: string): Promise<void> {
  await page.waitForSelector(`${editor} textarea`);
  await page.focus(`${editor} textarea`);
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyA", { commands: ["selectAll"] });
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  // One insertion (as a paste would be), so the editor's auto-closing brackets add nothing.
  await page.keyboard.sendCharacter(text);
  await page.waitForFunction(
    (selector, expected) =>
      document
        .querySelector(`${selector} .view-lines`)
        ?.textContent.replace(/\u00a0/g, " ")
        .trim() === expected,
    {},
    editor,
    text,
  );
}

/** Runs the operation and waits for the result pane to show `expected`. */
async function runAndWaitFor(page: Page, expected: string): Promise<string> {
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(
    (text) => document.querySelector(".graphiql-response .view-lines")?.textContent?.includes(text),
    {},
    expected,
  );
  return plain(await page.$eval(".graphiql-response .view-lines", (e) => e.textContent ?? ""));
}

const QUERY_EDITOR = ".graphiql-query-editor";
const HEADERS_EDITOR = ".monaco-editor[data-uri$='headers.json']";

describe("GraphiQL offline", () => {
  it("the page at /graphql loads nothing from elsewhere: scripts, styles and workers are inline", async () => {
    const response = await fetch(`${api.origin}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`<title>${GRAPHIQL_TITLE}</title>`);
    expect(html).toContain("YogaGraphiQL.renderYogaGraphiQL");
    // No external script or style sheet (yoga's default page takes both from a CDN).
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
  });

  it("runs a query typed in the editor with the bearer token given in Headers, in a browser that reaches only 127.0.0.1", {
    timeout: 300_000,
  }, async () => {
    const offline: OfflinePage = await offlinePage(browser);
    const { page, blocked, local } = offline;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    try {
      await page.setViewport({ width: 1400, height: 1000 });
      await page.goto(`${api.origin}/graphql`, { waitUntil: "load" });
      expect(await page.title()).toBe(GRAPHIQL_TITLE);
      await page.waitForSelector(`${QUERY_EDITOR} .monaco-editor`);

      const query = '{ county(code: "QX") { name } }';
      await setEditorText(page, QUERY_EDITOR, query);
      // No token yet: the access matrix refuses, as for any anonymous request.
      expect(await runAndWaitFor(page, "UNAUTHENTICATED")).toContain("需要登录");

      const [headersTab] = await page.$$("xpath/.//button[normalize-space()='Headers']");
      if (headersTab === undefined) throw new Error("GraphiQL shows no Headers tab");
      await headersTab.click();
      const token = await api.tokenFor(actorWithRole("ASSESSOR"));
      await setEditorText(page, HEADERS_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }));
      const result = JSON.parse(await runAndWaitFor(page, "青溪县")) as unknown;
      expect(result).toEqual({ data: { county: { name: "青溪县" } } });

      expect(blocked).toEqual([]);
      expect(local.filter((r) => r.startsWith("POST ")).length).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
