import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { buildDirectory } from "../county/county-dataset.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { demoCounty } from "../testing/demo-county.ts";
import { dispatchByLists, dispatchDesk } from "./dispatch.ts";

const dataset = demoCounty();
const index = buildListIndex(dataset.entries);
const directory = buildDirectory(dataset);
const desk = dispatchDesk(dataset.county);
const dispatch = (township: string, on: string, item: string) =>
  dispatchByLists(index, directory, desk, township, isoDate(on), item);
const codes = (parties: readonly { kind: string; code: string }[]) =>
  parties.map((p) => `${p.kind}:${p.code}`);

describe("H1: a matched order is dispatched by the item's list type that day", () => {
  it("H1/A1: a basic item goes to the township, which handles it", () => {
    const d = dispatch("QX-BS", "2026-04-12", "SL-001");
    expect(d).toMatchObject({
      unassigned: false,
      listType: "BASIC",
      entryId: "QX-BS/SL-001",
      ruleIds: ["H1", "A1"],
    });
    expect(codes(d.handlers)).toEqual(["TOWNSHIP:QX-BS"]);
    expect(d.assisting).toEqual([]);
    expect(d.basis.map((b) => b.document)).toContain("《中华人民共和国水法》");
    expect(d.reason).toContain("白沙镇");
  });

  it("H1/A2: a cooperative item goes to every lead department, the township assisting within its cooperation content", () => {
    const d = dispatch("QX-CG", "2025-05-01", "MS-002");
    expect(codes(d.handlers)).toEqual(["DEPARTMENT:SCJGJ", "DEPARTMENT:WJW"]);
    expect(codes(d.assisting)).toEqual(["TOWNSHIP:QX-CG"]);
    expect(d.townshipPart).toEqual(["登记农村集体聚餐", "发现隐患及时报告"]);
    expect(d.ruleIds).toEqual(["H1", "A2"]);
  });

  it("H1/A3: a reclaimed item goes to the receiving department; the township only reports", () => {
    const d = dispatch("QX-TY", "2026-03-01", "SL-002");
    expect(codes(d.handlers)).toEqual(["DEPARTMENT:ZRZYJ"]);
    expect(codes(d.reporting)).toEqual(["TOWNSHIP:QX-TY"]);
    expect(d.townshipPart).toEqual(["发现非法采砂及时报告县自然资源局"]);
  });

  it("H1/A9: the lists of the day received decide — before and after a mid-year reclassification", () => {
    expect(codes(dispatch("QX-CG", "2025-06-30", "CJ-001").handlers)).toEqual(["TOWNSHIP:QX-CG"]);
    const after = dispatch("QX-CG", "2025-07-01", "CJ-001");
    expect(codes(after.handlers)).toEqual(["DEPARTMENT:ZHZFJ"]);
    expect(after.listVersion?.changeId).toBe("QX-ADJ-2025-01");
    expect(codes(dispatch("QX-QX", "2026-06-30", "CJ-005").handlers)).toEqual(["TOWNSHIP:QX-QX"]);
    expect(codes(dispatch("QX-QX", "2026-07-01", "CJ-005").handlers)).toEqual(["DEPARTMENT:ZHZFJ"]);
  });

  it("H1/A11: an item not on the township's lists that day stays at the county's dispatch desk", () => {
    // 非法采砂 is on no list of 青溪街道; the 2026 items did not exist in 2025.
    for (const d of [dispatch("QX-QX", "2026-05-01", "SL-002"), dispatch("QX-BS", "2025-05-01", "SL-001")]) {
      expect(d).toMatchObject({ unassigned: true, unassignedReason: "NOT_ON_LISTS", itemCode: null });
      expect(codes(d.handlers)).toEqual(["DESK:QX"]);
      expect(d.ruleIds).toEqual(["H1", "A11"]);
      expect(d.reason).toContain("不默认派给乡镇");
    }
  });
});
