import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoCounty } from "@dutylist/core/testing";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ListeningApi, launchBrowser, listenOnLoopback, offlinePage } from "./browser.ts";
import { ensureDemoCounty } from "./demo-data.ts";
import { actorWithRole } from "./test-api.ts";

// The annual report as a browser renders it, with no network: the ranking table, the two SVG
// charts laid out with a size, a PNG screenshot, and Chromium's print to PDF (A4) — everything
// from the one page the API served, no other request tried.

let db: Database;
let api: ListeningApi;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_report_browser"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await listenOnLoopback(db);
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-report-"));
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await db?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("the annual report in a browser", () => {
  it("renders the ranking and two SVG charts offline, screenshots to PNG and prints to an A4 PDF", {
    timeout: 300_000,
  }, async () => {
    const { page, blocked, local } = await offlinePage(browser);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    try {
      await page.setViewport({ width: 900, height: 1200 });
      await page.setExtraHTTPHeaders({
        authorization: `Bearer ${await api.tokenFor(actorWithRole("ASSESSOR"))}`,
      });
      const response = await page.goto(`${api.origin}/export/report.html?countyCode=QX&year=2025`, {
        waitUntil: "load",
      });
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe("青溪县2025年度乡镇(街道)履职事项清单考核报告");

      const ranking = await page.$$eval("table.ranking tbody tr", (rows) =>
        rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
      const townships = demoCounty().townships;
      expect(ranking.length).toBe(townships.length);
      expect(ranking.map((r) => r[1]).sort()).toEqual(townships.map((t) => t.name).sort());
      expect(ranking[0]?.[0]).toBe("1");

      const charts = await page.$$eval("figure.chart svg", (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { width: box.width, height: box.height, bars: svg.querySelectorAll("path").length };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(2);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.bars).toBeGreaterThan(0);
      }

      const png = path.join(dir, "report.png");
      const shot = await page.screenshot({ path: png, fullPage: true, type: "png" });
      expect([...shot.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect((await stat(png)).size).toBeGreaterThan(30_000);

      // Chromium's print to PDF, from the page's own A4 print CSS.
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      await writeFile(path.join(dir, "report.pdf"), pdf);
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      const pages =
        Buffer.from(pdf)
          .toString("latin1")
          .match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(3);

      expect(blocked).toEqual([]);
      expect(local).toEqual([`GET ${api.origin}/export/report.html?countyCode=QX&year=2025`]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
