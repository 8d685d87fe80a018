import {
  assess,
  canonicalJson,
  type Determination,
  determineResponsibility,
  isoDate,
  prepareDeterminations,
  sha256Hex,
} from "@dutylist/core";
import {
  DEMO_CASES,
  demoAssessmentPlan,
  demoCounty,
  generateCounty,
  generateRecords,
  syntheticPlan,
} from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { countyWorkbook } from "./county-workbook.ts";
import { determinationSheet } from "./determination-sheet.ts";
import { assessmentResultSheets } from "./result-sheets.ts";
import type { OutputSheet } from "./sheet-table.ts";

// Golden comparison of what the exports write (sheets, headers and every cell; an .xlsx's bytes
// also hold zip timestamps, so the cells are compared): the demo county's and a generated
// county's lists on three dates with their plan and records, their assessment results, and the
// demo's determinations. A restructure leaves every digest unchanged; a change of an export's
// content updates them on purpose (copy what the failing test prints) and its commit says why.

const GOLDEN: Readonly<Record<string, string>> = {
  "demo: lists, plan and records on 2025-03-15":
    "07430994bfc6a8418423ad0dff0fc9e731a766acf3065444bdfe9e2e0e756c9b",
  "demo: lists, plan and records on 2025-07-01":
    "0680ffa7921f5808ec7e9592a047055baf3276edcf55321ecfc34f1f97fed05c",
  "demo: lists, plan and records on 2025-12-31":
    "f691965a1ab83744ea1000daad984f2e80e8c915fb80265e30ead4b0ccf0fcde",
  "demo: assessment results": "a1f252173d295060507bd3778c02404f66759de17932a904e98846cca0f5caba",
  "demo: determinations": "85f42b4817032a724a204e1aa65fe09ab317c051ed4c760f52a0eda4fcd4c0a2",
  "generated: lists on 2025-12-31": "62be22efe1616d7d3b6b0bd511aca962b5b3712d19d1d09bb535c94d9c456d04",
  "generated: assessment results": "e4a7d59592da22ffd831d4521fc40b8e69c7a3f54d01532cd10b39755bcbe6f1",
};

function digest(sheets: readonly OutputSheet[]): string {
  return sha256Hex(canonicalJson(sheets.map((s) => [s.name, s.header, s.rows.map((r) => canonicalJson(r))])));
}

function exportsOf(): Record<string, string> {
  const demo = demoCounty();
  const plan = demoAssessmentPlan();
  const records = generateRecords(plan, demo, { seed: 2025 });
  const context = prepareDeterminations(demo);
  const determinations = DEMO_CASES.flatMap((c): Determination[] => {
    const determined = determineResponsibility(context, c.failure);
    return determined.ok ? [determined.value] : [];
  });
  const generated = generateCounty({ seed: 7, townships: 12, adjustments: 25, temporaryTasks: 8 });
  const generatedPlan = syntheticPlan(generated, 2025);
  const generatedRecords = generateRecords(generatedPlan, generated, { seed: 11 });
  const out: Record<string, string> = {};
  for (const date of ["2025-03-15", "2025-07-01", "2025-12-31"])
    out[`demo: lists, plan and records on ${date}`] = digest(
      countyWorkbook(demo, isoDate(date), plan, records),
    );
  out["demo: assessment results"] = digest(assessmentResultSheets(assess(plan, demo, records), plan, demo));
  out["demo: determinations"] = digest([determinationSheet(determinations)]);
  out["generated: lists on 2025-12-31"] = digest(
    countyWorkbook(generated, isoDate("2025-12-31"), null, { performance: [], ratings: [] }),
  );
  out["generated: assessment results"] = digest(
    assessmentResultSheets(assess(generatedPlan, generated, generatedRecords), generatedPlan, generated),
  );
  return out;
}

describe("golden comparison of the exports", () => {
  it("writes the same sheets and cells for the demo and a generated county", () => {
    expect(exportsOf()).toEqual(GOLDEN);
  }, 120_000);
});
