import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildListIndex } from "../lists/list-index.ts";
import {
  generateCounty,
  generateRecords,
  inServiceOrder,
  syntheticPlan,
  withItemsIndicator,
  withOddities,
} from "../testing/index.ts";
import { type ScoredYear, scoreAssessment } from "./assessment-scoring.ts";
import { tallyRecords } from "./record-tallies.ts";

/** What a scored year says, whether scored from records or from tallies. */
function figures(year: ScoredYear) {
  const subject = (results: ScoredYear["townships"][number]["indicators"]) =>
    results.map((r) => ({
      code: r.indicator.code,
      score: r.score.toString(),
      working: r.working,
      recordCount: r.recordCount,
      entries: r.judgedEntries.map((j) => [j.entry.id, j.recordCount]),
    }));
  return {
    townships: year.townships.map((t) => ({
      code: t.townshipCode,
      total: t.total.toString(),
      indicators: subject(t.indicators),
      exclusions: t.exclusions,
    })),
    departments: year.departments.map((d) => ({
      code: d.departmentCode,
      total: d.total.toString(),
      indicators: subject(d.indicators),
      exclusions: d.exclusions,
    })),
    exclusions: year.exclusions,
  };
}

// Small counties with mid-year adjustments, records in service order (date order, shuffled ids).
const countyArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  townships: fc.integer({ min: 2, max: 4 }),
  adjustments: fc.integer({ min: 0, max: 3 }),
});

describe("record tallies (S7, S8)", () => {
  it("S7/S8: scoring from the tallies gives the scores, counts, entries and exclusions of scoring the records", () => {
    fc.assert(
      fc.property(countyArb, ({ seed, townships, adjustments }) => {
        const dataset = generateCounty({ seed, townships, adjustments });
        const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
        const generated = generateRecords(plan, dataset, { seed: seed + 1, perItem: 3, offListShare: 0.1 });
        const records = inServiceOrder(
          withOddities(generated, dataset, seed + 3, { repointTo: "X-ITEMS" }),
          seed + 2,
        );
        const tallies = tallyRecords(plan, buildListIndex(dataset.entries), records.performance);
        const fromRecords = scoreAssessment(plan, dataset, records);
        const fromTallies = scoreAssessment(plan, dataset, { ...records, performance: [] }, { tallies });
        expect(fromTallies.tallied).toBe(true);
        expect(figures(fromTallies)).toEqual(figures(fromRecords));
        // Every record is in exactly one tally.
        expect(tallies.reduce((n, t) => n + t.count, 0)).toBe(records.performance.length);
      }),
      { numRuns: 8 },
    );
  });

  it("S7: the generated feeds reach every exclusion of the cascade but the year's bounds", () => {
    const reasons = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const dataset = generateCounty({ seed, townships: 3, adjustments: 3 });
      const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
      const records = withOddities(generateRecords(plan, dataset, { seed, perItem: 3 }), dataset, seed, {
        repointTo: "X-ITEMS",
      });
      for (const t of tallyRecords(plan, buildListIndex(dataset.entries), records.performance))
        if (t.reason !== null) reasons.add(t.reason);
    }
    expect([...reasons].sort()).toEqual(
      [
        "NOT_BOUND",
        "NOT_DEPARTMENTS_ITEM",
        "OFF_LIST",
        "OTHER_TOWNSHIP",
        "RECLAIMED_BY_THEN",
        "SUBJECT_MISMATCH",
        "UNKNOWN_INDICATOR",
        "VALUE_MISMATCH",
        "WRONG_TRACK",
      ].sort(),
    );
  });

  it("S7: excluded records are counted by subject, indicator and reason, and carry no sums", () => {
    const dataset = generateCounty({ seed: 3, townships: 2, adjustments: 2 });
    const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
    const records = generateRecords(plan, dataset, { seed: 4, perItem: 2, offListShare: 0.2 });
    const tallies = tallyRecords(plan, buildListIndex(dataset.entries), records.performance);
    const offList = tallies.filter((t) => t.reason === "OFF_LIST");
    expect(offList.length).toBeGreaterThan(0);
    for (const t of offList)
      expect([t.entryId, t.achieved, t.events, t.gradedCount]).toEqual([null, "0", 0, 0]);
    const scored = scoreAssessment(plan, dataset, records);
    expect(scored.exclusions.reduce((n, e) => n + e.count, 0)).toBe(scored.excluded.length);
  });

  it("S8: records and their tallies are not both given", () => {
    const dataset = generateCounty({ seed: 5, townships: 2 });
    const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
    const records = generateRecords(plan, dataset, { seed: 6, perItem: 1 });
    expect(() => scoreAssessment(plan, dataset, records, { tallies: [] })).toThrow(/both/);
  });
});
