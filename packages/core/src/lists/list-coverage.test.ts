import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import { dispatchDesk, recordedDispatchByLists } from "../hotline/dispatch.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import { demoCounty } from "../testing/demo-county.ts";
import { firstListDate, noListRecorded, recordedListsAsOf } from "./list-coverage.ts";
import { buildListIndex } from "./list-index.ts";

// A9: the lists in force on the day decide; before a township's first recorded list there are
// none, and the answer is NO_LIST_RECORDED — never an off-list matter (A11).

const county = demoCounty();
const index = buildListIndex(county.entries);
const context = prepareDeterminations(county);

describe("a date before the first recorded list (A9)", () => {
  it("A9: the first list date of a township is its first version's", () => {
    expect(firstListDate(index, "QX-CG")).toBe("2025-01-01");
    expect(firstListDate(index, "QX-NONE")).toBeNull();
  });

  it("A9: lists of the day before are NO_LIST_RECORDED with the county, township, date and first date", () => {
    const before = recordedListsAsOf(index, "QX", "QX-CG", isoDate("2024-12-31"));
    expect(before.ok).toBe(false);
    if (before.ok) return;
    expect(before.errors[0]).toMatchObject({
      _tag: "NO_LIST_RECORDED",
      countyCode: "QX",
      townshipCode: "QX-CG",
      date: "2024-12-31",
      firstRecorded: "2025-01-01",
    });
    expect(before.errors[0].message).toContain("2025-01-01");
    const first = recordedListsAsOf(index, "QX", "QX-CG", isoDate("2025-01-01"));
    expect(first.ok && first.value.basic.map((e) => e.itemCode)).toContain("CJ-001");
  });

  it("A9: a determination before the first list is refused, not off-list; from the first day it is A1", () => {
    const ask = (date: string) =>
      determineResponsibility(context, {
        townshipCode: "QX-CG",
        date: isoDate(date),
        subject: { kind: "ITEM", itemCode: "CJ-001" },
        findings: { townshipAtFault: true },
      });
    const early = ask("2024-06-30");
    expect(early.ok).toBe(false);
    if (!early.ok)
      expect(early.errors[0]).toMatchObject({ _tag: "NO_LIST_RECORDED", firstRecorded: "2025-01-01" });
    const offListBefore = determineResponsibility(context, {
      townshipCode: "QX-CG",
      date: isoDate("2024-06-30"),
      subject: { kind: "MATTER", description: "清单外事项" },
      findings: { townshipAtFault: true },
    });
    expect(offListBefore.ok).toBe(false);
    const onTheDay = ask("2025-01-01");
    expect(onTheDay.ok && onTheDay.value.parties[0]).toMatchObject({ role: "PRIMARY", ruleIds: ["A1"] });
  });

  it("A9: a township with no list at all has no first date, whatever the date", () => {
    const missing = noListRecorded(index, "QX", "QX-NONE", isoDate("2030-01-01"), "新设镇");
    expect(missing).toMatchObject({ townshipCode: "QX-NONE", firstRecorded: null });
    expect(missing?.message).toContain("新设镇没有任何清单记录");
  });

  it("A9, H1: an order received before the first list is NO_LIST_RECORDED, after it dispatched by the lists", () => {
    const desk = dispatchDesk(county.county);
    const early = recordedDispatchByLists(
      index,
      context.directory,
      desk,
      "QX",
      "QX-CG",
      isoDate("2024-12-01"),
      "CJ-001",
    );
    expect(early.ok).toBe(false);
    const later = recordedDispatchByLists(
      index,
      context.directory,
      desk,
      "QX",
      "QX-CG",
      isoDate("2025-03-15"),
      "CJ-001",
    );
    expect(later.ok && later.value.handlers.map((h) => h.code)).toEqual(["QX-CG"]);
  });
});
