import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { demoCounty } from "../testing/index.ts";
import { buildListIndex, entryHistory, entryInForce, listVersionAsOf } from "./list-index.ts";
import { listsAsOf } from "./lists-as-of.ts";

const dataset = demoCounty();
const index = buildListIndex(dataset.entries);
const codes = (entries: readonly { itemCode: string }[]) => entries.map((e) => e.itemCode);

describe("L1 list entries", () => {
  it("L1: each entry puts one item on one township's list with one type for a half-open interval", () => {
    const lists = listsAsOf(index, "QX-CG", isoDate("2025-03-01"));
    expect(codes(lists.basic)).toEqual(["CJ-001", "DJ-001", "MS-001", "PA-001", "ZR-001"]);
    expect(codes(lists.cooperative)).toEqual(["LY-001", "MS-002", "PA-002"]);
    expect(codes(lists.reclaimed)).toEqual(["CJ-002", "SC-001", "ZR-002"]);
    // [from, to): the last day of the basic entry is 30 June; on 1 July the reclaimed entry holds.
    expect(entryInForce(index, "QX-CG", "CJ-001", isoDate("2025-06-30"))?.terms.type).toBe("BASIC");
    expect(entryInForce(index, "QX-CG", "CJ-001", isoDate("2025-07-01"))?.terms.type).toBe("RECLAIMED");
    expect(entryInForce(index, "QX-CG", "CJ-001", isoDate("2024-12-31"))).toBeNull();
  });

  it("L1: a township-specific item (一镇一策) is on its own township's list only", () => {
    const date = isoDate("2025-03-01");
    expect(codes(listsAsOf(index, "QX-SM", date).basic)).toContain("SM-TS-001");
    for (const township of ["QX-CG", "QX-QX", "QX-BS", "QX-TY"]) {
      expect(entryInForce(index, township, "SM-TS-001", date)).toBeNull();
    }
  });
});

describe("L2 history is never overwritten", () => {
  it("L2: the lists of any past date are reconstructed after later adjustments", () => {
    const march = listsAsOf(index, "QX-CG", isoDate("2025-03-01"));
    const december = listsAsOf(index, "QX-CG", isoDate("2025-12-31"));
    expect(codes(december.basic)).toEqual(["DJ-001", "MS-001", "PA-001", "ZR-001"]);
    expect(codes(december.cooperative)).toEqual(["CJ-003", "LY-001", "MS-002", "PA-002"]);
    expect(codes(december.reclaimed)).toEqual(["CJ-001", "CJ-002", "SC-001", "ZR-002"]);
    expect(codes(march.basic)).toContain("CJ-001");
    expect(march.version).toEqual({
      townshipCode: "QX-CG",
      number: 1,
      changeId: "QX-2025",
      effectiveFrom: "2025-01-01",
    });
    expect(december.version).toEqual({
      townshipCode: "QX-CG",
      number: 3,
      changeId: "QX-ADJ-2025-02",
      effectiveFrom: "2025-09-01",
    });
  });

  it("L2: the closed entry stays, closed by the adjustment, next to the one it opened", () => {
    const history = entryHistory(index, "QX-CG", "CJ-001");
    expect(
      history.map((e) => [e.id, e.terms.type, e.effectiveFrom, e.effectiveTo, e.openedBy, e.closedBy]),
    ).toEqual([
      ["QX-CG/CJ-001", "BASIC", "2025-01-01", "2025-07-01", "QX-2025", "QX-ADJ-2025-01"],
      ["QX-ADJ-2025-01#1", "RECLAIMED", "2025-07-01", null, "QX-ADJ-2025-01", null],
    ]);
  });

  it("L2: index lookups do not depend on the order of the entries", () => {
    const reversed = buildListIndex([...dataset.entries].reverse());
    for (const date of ["2025-01-01", "2025-06-30", "2025-07-01", "2025-09-01"].map(isoDate)) {
      for (const township of dataset.townships) {
        expect(listsAsOf(reversed, township.code, date)).toEqual(listsAsOf(index, township.code, date));
      }
    }
  });

  it("L2: a township with no entries before the baseline has version 0 and empty lists", () => {
    const lists = listsAsOf(index, "QX-CG", isoDate("2024-06-01"));
    expect([lists.basic.length, lists.cooperative.length, lists.reclaimed.length]).toEqual([0, 0, 0]);
    expect(listVersionAsOf(index, "QX-CG", isoDate("2024-06-01")).number).toBe(0);
  });
});
