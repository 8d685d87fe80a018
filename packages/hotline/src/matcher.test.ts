import { isoDate } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { demoPlaces, demoVocabulary } from "./demo-orders.ts";
import { HotlineMatcher } from "./matcher.ts";

const matcher = new HotlineMatcher();
matcher.addCounty(demoCounty(), demoVocabulary(), demoPlaces());
const match = (townshipCode: string | null, on: string, text: string) =>
  matcher.match({ countyCode: "QX", townshipCode, receivedOn: isoDate(on), text });

describe("H1: matching an order's words to the items in force, then dispatching by the lists", () => {
  it("H1/A3: river sand dredging goes to the receiving department; the township only reports", () => {
    const m = match("QX-BS", "2026-05-10", "沙湾村河里半夜有抽沙船在挖沙子，大卡车一车车拉走");
    expect(m.dispatch).toMatchObject({ unassigned: false, itemCode: "SL-002", listType: "RECLAIMED" });
    expect(m.dispatch.handlers.map((h) => h.code)).toEqual(["ZRZYJ"]);
    expect(m.candidates[0]?.itemCode).toBe("SL-002");
  });

  it("H1/A11: the same complaint where the item is on no list stays at the desk", () => {
    const m = match("QX-QX", "2026-05-10", "滨河社区旁边河里半夜有抽沙船在挖沙子，大卡车一车车拉走");
    expect(m.dispatch).toMatchObject({ unassigned: true, unassignedReason: "NOT_ON_LISTS" });
    expect(m.bestOffLists?.itemCode).toBe("SL-002");
  });

  it("H1/A11: a topic no list covers is not pushed onto the township", () => {
    expect(match("QX-TY", "2026-05-10", "杏林村快递点关门了，取快递要跑到镇上").dispatch.unassigned).toBe(
      true,
    );
  });

  it("H1: an address names the township", () => {
    expect(matcher.townshipOf("QX", "白沙镇沙湾村三组")).toBe("QX-BS");
    expect(matcher.townshipOf("QX", "马家村")).toBe("QX-TY");
    expect(matcher.townshipOf("QX", "某地")).toBeNull();
  });
});
