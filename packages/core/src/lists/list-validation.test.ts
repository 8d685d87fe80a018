import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { demoCounty } from "../testing/index.ts";
import type { ListEntry } from "./list-entry.ts";
import { validateCountyLists } from "./list-validation.ts";

const base = demoCounty();

function entry(id: string): ListEntry {
  const found = base.entries.find((e) => e.id === id);
  if (found === undefined) throw new Error(`fixture: no entry ${id}`);
  return found;
}

function withEntries(...extra: ListEntry[]): CountyDataset {
  return { ...base, entries: [...base.entries, ...extra] };
}

describe("checks before a list version is published (L1)", () => {
  it("the demo county passes every check", () => {
    expect(validateCountyLists(base)).toEqual([]);
  });

  it("an item on two lists of a township on the same dates is reported with both entries", () => {
    const twin: ListEntry = {
      ...entry("QX-CG/MS-001"),
      id: "TWIN",
      terms: { type: "RECLAIMED", receivingDepartment: "MZJ", wayOfWorking: "报告" },
      effectiveFrom: isoDate("2025-05-01"),
    };
    expect(validateCountyLists(withEntries(twin))).toEqual([
      expect.objectContaining({
        _tag: "ITEM_ON_TWO_LISTS",
        townshipCode: "QX-CG",
        itemCode: "MS-001",
        entryIds: ["QX-CG/MS-001", "TWIN"],
      }),
    ]);
  });

  it("touching intervals [a, b) and [b, c) do not overlap", () => {
    const closed = { ...entry("QX-TY/PA-001"), effectiveTo: isoDate("2025-06-01"), closedBy: "QX-2025" };
    const next: ListEntry = {
      ...closed,
      id: "NEXT",
      effectiveFrom: isoDate("2025-06-01"),
      effectiveTo: null,
      closedBy: null,
    };
    const dataset = { ...base, entries: [...base.entries.filter((e) => e.id !== closed.id), closed, next] };
    expect(validateCountyLists(dataset)).toEqual([]);
  });

  it("enumerates every violation at once: missing lead, content, receiver; bad interval; unknown references; duplicates", () => {
    const coop = entry("QX-CG/PA-002");
    const reclaimed = entry("QX-CG/ZR-002");
    const dataset: CountyDataset = {
      ...base,
      departments: [...base.departments, { code: "MZJ", countyCode: "QX", name: "重复的民政局" }],
      entries: [
        ...base.entries,
        {
          ...coop,
          id: "E1",
          townshipCode: "QX-TY",
          itemCode: "SM-TS-001",
          terms: {
            type: "COOPERATIVE",
            leadDepartments: [],
            departmentDuty: "",
            cooperationContent: [" "],
            guarantees: [],
          },
        },
        {
          ...reclaimed,
          id: "E2",
          itemCode: "NO-ITEM",
          terms: { type: "RECLAIMED", receivingDepartment: "", wayOfWorking: "" },
        },
        {
          ...reclaimed,
          id: "E3",
          itemCode: "NO-ITEM-2",
          townshipCode: "QX-NONE",
          effectiveFrom: isoDate("2025-05-01"),
          effectiveTo: isoDate("2025-05-01"),
          terms: { type: "RECLAIMED", receivingDepartment: "GHOST", wayOfWorking: "" },
          openedBy: "NO-PUB",
        },
        { ...reclaimed, id: "E3", itemCode: "NO-ITEM-3" },
      ],
    };
    const found = validateCountyLists(dataset).map((v) => {
      switch (v._tag) {
        case "UNKNOWN_REFERENCE":
          return `${v._tag} ${v.field} ${v.code}`;
        case "DUPLICATE_CODE":
          return `${v._tag} ${v.kind} ${v.code}`;
        case "ITEM_ON_TWO_LISTS":
          return `${v._tag} ${v.entryIds.join("+")}`;
        case "FOREIGN_TOWNSHIP_ITEM":
          return `${v._tag} ${v.entryId} ${v.ownerTownshipCode}`;
        default:
          return `${v._tag} ${v.entryId}`;
      }
    });
    expect(found).toEqual([
      "DUPLICATE_CODE DEPARTMENT MZJ",
      "DUPLICATE_CODE ENTRY E3",
      "FOREIGN_TOWNSHIP_ITEM E1 QX-SM",
      "COOPERATIVE_WITHOUT_LEAD E1",
      "COOPERATIVE_WITHOUT_CONTENT E1",
      "UNKNOWN_REFERENCE entry E2 itemCode NO-ITEM",
      "RECLAIMED_WITHOUT_RECEIVER E2",
      "UNKNOWN_REFERENCE entry E3 townshipCode QX-NONE",
      "UNKNOWN_REFERENCE entry E3 itemCode NO-ITEM-2",
      "MALFORMED_INTERVAL E3",
      "UNKNOWN_REFERENCE entry E3 openedBy NO-PUB",
      "UNKNOWN_REFERENCE entry E3 terms.receivingDepartment GHOST",
      "UNKNOWN_REFERENCE entry E3 itemCode NO-ITEM-3",
    ]);
  });

  it("a date that does not exist makes the interval malformed", () => {
    const bad = {
      ...entry("QX-TY/PA-001"),
      id: "BAD",
      itemCode: "DJ-001",
      effectiveFrom: "2025-02-30" as (typeof base.entries)[number]["effectiveFrom"],
    };
    const dataset = { ...base, entries: [...base.entries.filter((e) => e.id !== "QX-TY/DJ-001"), bad] };
    expect(validateCountyLists(dataset).map((v) => v._tag)).toEqual(["MALFORMED_INTERVAL"]);
  });
});
