import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { demoCounty } from "../testing/index.ts";
import { buildListIndex } from "./list-index.ts";
import { buildListReport, findUnassignedItems, pushDownResemblances } from "./list-report.ts";

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

describe("L6 push-down reports compared with reclaimed items", () => {
  // 001: 对县级部门未按清单要求收回职责、擅自向基层转嫁任务的,依规追究 —— a matter handed back
  // down to a township under a near name of what was reclaimed is 明减暗增 to review.
  const pushDown = (id: string, date: string, matter: string) => ({
    id,
    departmentCode: "ZRZYJ",
    townshipCode: "QX-CG",
    date: isoDate(date),
    matter,
  });

  it("L6: a push-down report whose matter resembles a reclaimed item is flagged, citing the reclaimed entry", () => {
    const report = buildListReport(dataset, isoDate("2025-12-31"), {
      pushDowns: [pushDown("PD-9", "2025-09-03", "非法占用土地行政处罚材料")],
    });
    const flag = report.resemblances.find((r) => r.proposalRef.startsWith("下派报告 PD-9"));
    expect(flag).toMatchObject({
      ruleId: "L6",
      townshipCode: "QX-CG",
      itemCode: "ZR-002",
      receivingDepartment: "ZRZYJ",
      matchedOn: "NAME",
    });
    expect(flag?.message).toContain("ZR-002「非法占用土地行政处罚」");
  });

  it("L6: a push-down of unrelated work, or one dated after the report, is not flagged", () => {
    const flags = pushDownResemblances(
      index,
      [
        pushDown("PD-1", "2025-09-03", "迎检材料报送"),
        pushDown("PD-2", "2026-01-05", "非法占用土地行政处罚"),
      ],
      isoDate("2025-12-31"),
    );
    expect(flags).toEqual([]);
  });

  it("L6: each report is compared with what was reclaimed on its own date, not the report's date", () => {
    // The demo's lists take effect on 2025-01-01: on 2024-12-01 nothing was reclaimed yet.
    const matter = "非法占用土地行政处罚";
    const asOf = isoDate("2025-12-31");
    expect(pushDownResemblances(index, [pushDown("PD-0", "2024-12-01", matter)], asOf)).toEqual([]);
    expect(pushDownResemblances(index, [pushDown("PD-3", "2025-01-02", matter)], asOf)).toHaveLength(1);
  });
});
