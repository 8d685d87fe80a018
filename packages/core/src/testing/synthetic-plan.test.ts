import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateAssessmentPlan } from "../assessment/plan-validation.ts";
import { isoDate } from "../base/calendar-date.ts";
import { generateCounty } from "./generator.ts";
import { syntheticPlan } from "./synthetic-plan.ts";

describe("syntheticPlan", () => {
  it("names the county and year, and gives each subject 100 points in eight indicators", () => {
    const dataset = generateCounty({ seed: 1, townships: 30 });
    const plan = syntheticPlan(dataset, 2025);
    const code = dataset.county.code;
    expect([plan.id, plan.countyCode, plan.year]).toEqual([`${code}-PLAN-2025`, code, 2025]);
    expect(plan.title).toBe(`《${dataset.county.name}2025年度乡镇(街道)和县级部门综合考核方案》`);
    expect(plan.indicators.map((i) => [i.code, i.subject, i.points])).toEqual([
      ["T01-1", "TOWNSHIP", "40"],
      ["T01-2", "TOWNSHIP", "30"],
      ["T02-1", "TOWNSHIP", "30"],
      ["D01-1", "DEPARTMENT", "40"],
      ["D02-1", "DEPARTMENT", "15"],
      ["D02-2", "DEPARTMENT", "15"],
      ["D02-3", "DEPARTMENT", "10"],
      ["D03-1", "DEPARTMENT", "20"],
    ]);
    expect(plan.firstLevel.map((f) => f.code)).toEqual(["T01", "T02", "D01", "D02", "D03"]);
  });

  // The CLI's `generate --records` builds the plan for the year of `--as-of`, which is also the
  // county's baseline date: the plan must validate whatever the seed, size or year.
  it("validates without errors against any generated county of its baseline year (S1–S6)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("2024-06-30", "2025-01-01", "2025-12-31"),
        (seed, townships, baseline) => {
          const dataset = generateCounty({ seed, townships, baselineDate: isoDate(baseline) });
          const validation = validateAssessmentPlan(
            syntheticPlan(dataset, Number(baseline.slice(0, 4))),
            dataset,
          );
          expect(validation.issues.filter((i) => i.severity === "ERROR")).toEqual([]);
          expect(validation.valid).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});
