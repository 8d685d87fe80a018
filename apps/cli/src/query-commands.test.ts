import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  buildListIndex,
  determineResponsibility,
  exact,
  isoDate,
  listsAsOf,
  prepareDeterminations,
  roundForPresentation,
} from "@dutylist/core";
import { DEMO_CASES, demoCounty } from "@dutylist/core/testing";
import { type Database, listDeterminations } from "@dutylist/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDemoYear, runCli } from "./test-io.ts";

// The demo county with its 2025 plan and records, stored once; commands run in-process on it.
let db: Database;
beforeAll(async () => {
  db = await openDemoYear("cli");
});
afterAll(async () => {
  await db?.close();
});

describe("lists", () => {
  it("counts each township's lists on a date, the county being the only one stored", async () => {
    const { code, stdout } = await runCli(db, ["lists", "--as-of", "2025-12-31"]);
    expect(code).toBe(0);
    expect(stdout).toContain("青溪县(QX)截至 2025-12-31 的清单:5 个乡镇(街道)");
    expect(stdout).toMatch(/城关镇\s+2025-12-31\s+第3版\s+4\s+4\s+4/);
  });

  it("prints one township's three lists in full, found by name, and as JSON equal to the core's", async () => {
    const text = await runCli(db, ["lists", "--as-of", "2025-10-01", "--township", "城关镇"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("上级部门收回事项(");
    expect(text.stdout).toContain("CJ-001");
    const json = await runCli(db, ["lists", "--as-of", "2025-10-01", "--township", "QX-CG", "--json"]);
    const expected = listsAsOf(buildListIndex(demoCounty().entries), "QX-CG", isoDate("2025-10-01"));
    expect(JSON.parse(json.stdout).lists).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("reports an unknown township (3), a bad date (2) and an unknown county (3)", async () => {
    expect((await runCli(db, ["lists", "--as-of", "2025-10-01", "--township", "无此镇"])).code).toBe(3);
    const bad = await runCli(db, ["lists", "--as-of", "2025-13-01"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--as-of 须为日期");
    const county = await runCli(db, ["lists", "--as-of", "2025-10-01", "--county", "XX", "--json"]);
    expect(county.code).toBe(3);
    expect(JSON.parse(county.stdout)).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
  });
});

describe("assess", () => {
  it("prints the township ranking and the department table", async () => {
    const { code, stdout } = await runCli(db, ["assess", "--year", "2025"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/名次\s+乡镇\(街道\)\s+核心得分\s+协同得分\s+总分\s+等次/);
    expect(stdout).toContain("县级部门排名");
    expect(stdout).toContain("县住房和城乡建设局");
  });

  it("gives the same ranking as JSON, decimals as strings, and nothing else on stdout", async () => {
    const { code, stdout } = await runCli(db, ["assess", "--year", "2025", "--json"]);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.plan.id).toBe("QX-PLAN-2025");
    expect(document.townships.map((t: { rank: number }) => t.rank)).toHaveLength(5);
    expect(document.townships[0].total).toMatch(/^\d+\.\d\d$/);
    // S8: presented once from the exact figure printed beside it.
    for (const t of document.townships) expect(roundForPresentation(exact(t.totalExact))).toBe(t.total);
    for (const d of document.departments) expect(roundForPresentation(exact(d.totalExact))).toBe(d.total);
  });

  it("exports the year's workbook with the whistle figures beside the scores (H2)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dutylist-assess-"));
    const out = await runCli(db, ["export", "assessment", "--year", "2025", "--out", "a.xlsx", "--json"], {
      cwd: dir,
    });
    expect(out.code).toBe(0);
    const sheets: { name: string; rows: number }[] = JSON.parse(out.stdout).sheets;
    const whistles = sheets.find((s) => s.name === "吹哨报到");
    // The demo records raise whistles in 2025: one row per department, township and item at least.
    expect(whistles?.rows).toBeGreaterThan(3);
  });

  it("writes the year's report as one printable HTML page with its charts, the ranking as assessed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dutylist-report-"));
    const out = await runCli(db, ["export", "report", "--year", "2025", "--out", "报告.html", "--json"], {
      cwd: dir,
    });
    expect(out.code).toBe(0);
    const html = await readFile(path.join(dir, "报告.html"), "utf8");
    expect(html).toContain("青溪县2025年度乡镇(街道)履职事项清单考核报告");
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(2);
    const assessed = JSON.parse((await runCli(db, ["assess", "--year", "2025", "--json"])).stdout);
    for (const t of assessed.townships) expect(html).toContain(t.name);
    // The first township's row: its name, then its presented total further along the same row.
    const first = assessed.townships[0];
    expect(html).toMatch(new RegExp(`${first.name}[\\s\\S]{0,400}?${first.total.replace(".", "\\.")}`));
    expect(
      (await runCli(db, ["export", "report", "--year", "2025", "--out", "r.pdf"], { cwd: dir })).code,
    ).toBe(2);
    expect(
      (await runCli(db, ["export", "report", "--year", "2024", "--out", "r.html"], { cwd: dir })).code,
    ).toBe(3);
  });

  it("says a year without a plan is not found (3)", async () => {
    const { code, stderr } = await runCli(db, ["assess", "--year", "2024"]);
    expect(code).toBe(3);
    expect(stderr).toContain("没有 2024 年的考核方案");
  });
});

describe("determine", () => {
  const first = DEMO_CASES[0];
  if (first === undefined) throw new Error("no demo case");
  const expected = determineResponsibility(prepareDeterminations(demoCounty()), first.failure);
  if (!expected.ok) throw new Error("the first demo case is answered");

  it("answers as the core does, with roles, rules and the citation, and stores it once with --save", async () => {
    const args = ["determine", "--township", "城关镇", "--item", "MS-001", "--date", "2025-03-15"];
    const { code, stdout } = await runCli(db, [...args, "--at-fault", "yes", "--save"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/城关镇\s+主要责任\s+—\s+A1/);
    expect(stdout).toContain("依据:MS-001「最低生活保障申请受理和审核」");
    expect(stdout).toContain(`决定编号 ${expected.value.decisionId}`);
    expect(stdout).toContain("已保存认定");
    const again = await runCli(db, [...args, "--at-fault", "是", "--save", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, saved: false });
    expect(await listDeterminations(db, "QX")).toHaveLength(1);
  });

  it("takes the findings of the failure-case model: refusal (A7), other departments, falsification", async () => {
    const { stdout } = await runCli(db, [
      "determine",
      "--township",
      "QX-BS",
      "--item",
      "LY-001",
      "--date",
      "2025-04-02",
      "--refused",
      "yes",
      "--within-content",
      "yes",
      "--json",
    ]);
    const { determination } = JSON.parse(stdout);
    expect(determination.parties[0]).toMatchObject({ role: "SECONDARY", ruleIds: ["A7"] });
    // A7: a refusal not established to be within the cooperation content is NONE (A11).
    const unestablished = await runCli(db, [
      "determine",
      "--township",
      "QX-BS",
      "--item",
      "LY-001",
      "--date",
      "2025-04-02",
      "--refused",
      "yes",
      "--json",
    ]);
    expect(JSON.parse(unestablished.stdout).determination.parties[0]).toMatchObject({
      role: "NONE",
      ruleIds: ["A7", "A11"],
    });
  });

  it("refuses what cannot be asked: no subject (2), an unknown item (3), a bad finding (2)", async () => {
    const base = ["determine", "--township", "城关镇", "--date", "2025-03-15"];
    expect((await runCli(db, base)).code).toBe(2);
    expect((await runCli(db, [...base, "--item", "XX-999"])).code).toBe(3);
    expect((await runCli(db, [...base, "--item", "MS-001", "--at-fault", "maybe"])).code).toBe(2);
  });
});

describe("the command line", () => {
  it("prints help with the exit codes, and refuses unknown commands and options (2)", async () => {
    const help = await runCli(db, ["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("3  不存在");
    expect((await runCli(db, ["assess", "--help"])).stdout).toContain("用法: dutylist assess");
    expect((await runCli(db, ["frobnicate"])).code).toBe(2);
    expect((await runCli(db, ["assess", "--year", "2025", "--frob"])).code).toBe(2);
  });
});
