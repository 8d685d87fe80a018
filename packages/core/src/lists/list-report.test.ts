import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { demoCounty } from "../testing/index.ts";
import { buildListIndex } from "./list-index.ts";
import { buildListReport, findUnassignedItems } from "./list-report.ts";

const dataset = demoCounty();
const index = buildListIndex(dataset.entries);

describe("L7 internal assignment", () => {
  it("L7: basic and cooperative items with no leading post or office are reported; reclaimed ones need none", () => {
    const found = findUnassignedItems(index, ["QX-CG"], isoDate("2025-03-01"));
    expect(found.map((u) => [u.ruleId, u.townshipCode, u.entry.itemCode, u.missing])).toEqual([
      ["L7", "QX-CG", "MS-002", ["LEADING_POST", "OFFICE"]],
    ]);
  });

  it("L7: an entry with only its office missing is reported as missing the office", () => {
    const entries = dataset.entries.map((e) =>
      e.id === "QX-TY/DJ-001" && e.assignment !== null
        ? { ...e, assignment: { ...e.assignment, office: null } }
        : e,
    );
    const found = findUnassignedItems(buildListIndex(entries), ["QX-TY"], isoDate("2025-03-01"));
    expect(found.map((u) => [u.entry.itemCode, u.missing])).toEqual([
      ["DJ-001", ["OFFICE"]],
      ["MS-002", ["LEADING_POST", "OFFICE"]],
    ]);
  });
});

describe("the list review report (L6, L7)", () => {
  it("reports unassigned items of every township and the pending proposal that resembles a reclaimed item", () => {
    const report = buildListReport(dataset, isoDate("2025-12-31"));
    expect(report.unassigned.map((u) => u.townshipCode)).toEqual([
      "QX-BS",
      "QX-CG",
      "QX-QX",
      "QX-SM",
      "QX-TY",
    ]);
    expect(report.resemblances.map((r) => [r.proposalRef, r.townshipCode, r.itemCode])).toEqual([
      ["调整 QX-ADJ-2025-03 第1项变更", "QX-BS", "CJ-002"],
    ]);
  });
});
