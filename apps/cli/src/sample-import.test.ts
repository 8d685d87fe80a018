import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type AssessmentReport,
  assess,
  type CountyDataset,
  determineResponsibility,
  type FailureCase,
  isoDate,
  prepareDeterminations,
} from "@dutylist/core";
import { DEMO_CASES, demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import {
  type Database,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyDataset,
  openDatabase,
} from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDemoYear, runCli } from "./test-io.ts";

// L2: the sample workbook (`pnpm sample`) carries the demo county's whole history, so that a county
// starting from it gets the demo's answers on every date — the 2025 scores and ranks, and the
// determinations of early 2025, before the mid-year adjustments.

let direct: Database;
let imported: Database;
let importRun: { code: number; stderr: string };
let sampleFile: string;

beforeAll(async () => {
  direct = await openDemoYear("sample_direct");

  const dir = await mkdtemp(path.join(tmpdir(), "dutylist-sample-"));
  const file = path.join(dir, "青溪县-示例.xlsx");
  sampleFile = file;
  const sample = await runCli(undefined, ["sample", "--out", file]);
  if (sample.code !== 0) throw new Error(`sample: ${sample.stderr}`);
  imported = await openDatabase(await testDatabaseTarget("sample_imported"));
  await resetDatabase(imported);
  importRun = await runCli(imported, ["import", file]);
});
afterAll(async () => {
  await direct?.close();
  await imported?.close();
});

interface Stored {
  readonly dataset: CountyDataset;
  readonly report: AssessmentReport;
}

async function stored(db: Database): Promise<Stored> {
  const dataset = await loadCountyDataset(db, "QX");
  const plan = await loadAssessmentPlan(db, "QX", 2025);
  if (dataset === null || plan === null) throw new Error("the county and its 2025 plan are stored");
  return { dataset, report: assess(plan, dataset, await loadAssessmentRecords(db, "QX", 2025)) };
}

/** Every township's and department's total, rank and grade, as presented. */
function figures(report: AssessmentReport) {
  return {
    townships: report.townships.map((t) => [t.name, t.rank, t.grade, t.assessment.total.toFixed(2)]),
    departments: report.departments.map((d) => [d.name, d.rank, d.grade, d.assessment.total.toFixed(2)]),
  };
}

const CJ001_BEFORE_RECLAIMED: FailureCase = {
  townshipCode: "QX-CG",
  date: isoDate("2025-03-15"),
  subject: { kind: "ITEM", itemCode: "CJ-001" },
  findings: { townshipAtFault: true },
};

describe("the sample workbook imported into an empty store (L2)", () => {
  it("imports without an issue", () => {
    expect(importRun.code).toBe(0);
    expect(importRun.stderr).toContain("已写入数据库");
  });

  it("imported again changes nothing: the history, the ledger and every record are already stored", async () => {
    const before = figures((await stored(imported)).report);
    const again = await runCli(imported, ["import", sampleFile, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true });
    expect(figures((await stored(imported)).report)).toEqual(before);
    const dataset = (await stored(imported)).dataset;
    expect(dataset.adjustments.map((a) => a.id).sort()).toEqual(
      demoCounty()
        .adjustments.map((a) => a.id)
        .sort(),
    );
  });

  it("scores 2025 as the demo stored directly and as `pnpm demo`: every total, rank and grade", async () => {
    const fromSample = figures((await stored(imported)).report);
    expect(fromSample).toEqual(figures((await stored(direct)).report));
    const plan = demoAssessmentPlan();
    const demo = assess(plan, demoCounty(), generateRecords(plan, demoCounty(), { seed: 2025 }));
    expect(fromSample).toEqual(figures(demo));
    expect(fromSample.townships).toHaveLength(5);
    expect(fromSample.departments.length).toBeGreaterThan(5);
  });

  it("determines as the demo: 城关镇 CJ-001 on 2025-03-15 is basic (A1), and every demo case", async () => {
    const fromSample = prepareDeterminations((await stored(imported)).dataset);
    const fromDirect = prepareDeterminations((await stored(direct)).dataset);
    const cj = determineResponsibility(fromSample, CJ001_BEFORE_RECLAIMED);
    if (!cj.ok) throw new Error(cj.errors[0].message);
    expect(cj.value.listType).toBe("BASIC");
    expect(cj.value.parties[0]).toMatchObject({ role: "PRIMARY", ruleIds: ["A1"] });
    expect(cj.value.listVersion).toMatchObject({ changeId: "QX-2025", number: 1 });
    for (const { failure } of [{ failure: CJ001_BEFORE_RECLAIMED }, ...DEMO_CASES]) {
      const a = determineResponsibility(fromSample, failure);
      const b = determineResponsibility(fromDirect, failure);
      expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
    }
  });

  it("answers the CLI's determine for CJ-001 before its reclassification as PRIMARY (A1)", async () => {
    const args = ["determine", "--township", "城关镇", "--item", "CJ-001", "--date", "2025-03-15"];
    const { code, stdout } = await runCli(imported, [...args, "--at-fault", "yes"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/城关镇\s+主要责任\s+—\s+A1/);
  });
});

describe("a date before the first recorded list (A9)", () => {
  it("A9: determine, lists and dispatch exit 3 with the first recorded date, never off-list", async () => {
    const determine = await runCli(imported, [
      "determine",
      "--township",
      "城关镇",
      "--matter",
      "迎检材料报送",
      "--date",
      "2024-12-31",
      "--at-fault",
      "yes",
    ]);
    expect(determine.code).toBe(3);
    expect(determine.stderr).toContain("城关镇在 2024-12-31 尚无清单记录(最早的清单自 2025-01-01 起施行)");
    expect(determine.stdout).not.toContain("清单外");
    const lists = await runCli(imported, ["lists", "--as-of", "2024-12-31", "--township", "城关镇"]);
    expect(lists.code).toBe(3);
    expect(lists.stderr).toContain("尚无清单记录");
    const county = await runCli(imported, ["lists", "--as-of", "2024-06-01", "--json"]);
    expect(county.code).toBe(3);
    expect(JSON.parse(county.stdout)).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    const dispatch = await runCli(imported, [
      "dispatch",
      "--township",
      "城关镇",
      "--on",
      "2024-10-01",
      "门口占道经营",
    ]);
    expect(dispatch.code).toBe(3);
    expect(dispatch.stderr).toContain("尚无清单记录");
  });
});
