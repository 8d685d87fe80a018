import { isoDate } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { demoPlaces, demoVocabulary } from "./demo-orders.ts";
import { DEFAULT_SETTINGS, HotlineMatcher } from "./matcher.ts";
import { BIGRAM, bigramsOf, queryTerms } from "./segment.ts";

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

  it("H1: character pairs are searched beside jieba's words, marked apart from them", () => {
    expect(bigramsOf("抽沙船，河岸")).toEqual([`${BIGRAM}抽沙`, `${BIGRAM}沙船`, `${BIGRAM}河岸`]);
    const terms = queryTerms("半夜抽沙船", { bigrams: true });
    expect(terms.get(`${BIGRAM}抽沙`)).toBe(1);
    expect(queryTerms("半夜抽沙船", { bigrams: false }).has(`${BIGRAM}抽沙`)).toBe(false);
  });

  it("H1: an operator's correction is learnt as a handled order and steers the same words later", () => {
    const own = new HotlineMatcher();
    own.addCounty(demoCounty(), demoVocabulary(), demoPlaces());
    const text = "石门村有个养蜂的把蜂箱摆到人家门口，蜜蜂蛰了好几个小孩";
    const order = { countyCode: "QX", townshipCode: "QX-SM", receivedOn: isoDate("2026-05-10"), text };
    const before = own.match(order);
    const target = before.dispatch.unassigned || before.dispatch.itemCode !== "PA-001" ? "PA-001" : "MS-004";
    own.addPhrase({ countyCode: "QX", itemCode: target, phrase: text, source: "CORRECTION" });
    const after = own.match(order);
    expect(after.dispatch).toMatchObject({ unassigned: false, itemCode: target });
    expect(after.candidates[0]?.itemCode).toBe(target);
  });

  it("H1: with pairs off the matcher still matches by words and characters alone, on lower scores", () => {
    const plain = new HotlineMatcher({ ...DEFAULT_SETTINGS, bigrams: false });
    plain.addCounty(demoCounty(), demoVocabulary(), demoPlaces());
    const text = "沙湾村河里半夜有抽沙船在挖沙子，大卡车一车车拉走";
    const m = plain.match({
      countyCode: "QX",
      townshipCode: "QX-BS",
      receivedOn: isoDate("2026-05-10"),
      text,
    });
    expect(m.dispatch).toMatchObject({ unassigned: false, itemCode: "SL-002" });
    const withPairs = matcher.rank("QX", text).find((r) => r.itemCode === "SL-002")?.score ?? 0;
    const without = plain.rank("QX", text).find((r) => r.itemCode === "SL-002")?.score ?? 0;
    expect(withPairs).toBeGreaterThan(without);
  });

  it("H1: handled orders train the naive Bayes, which moves an item up even where they are not searched", () => {
    const settings = { ...DEFAULT_SETTINGS, ordersSearched: false };
    const text = "石门村有个养蜂的把蜂箱摆到人家门口，蜜蜂蛰了好几个小孩";
    const order = { countyCode: "QX", townshipCode: "QX-SM", receivedOn: isoDate("2026-05-10"), text };
    const plain = new HotlineMatcher({ ...settings, learntWeight: 0 });
    const learning = new HotlineMatcher(settings);
    const target = (() => {
      const before = new HotlineMatcher(settings);
      before.addCounty(demoCounty(), demoVocabulary(), demoPlaces());
      const m = before.match(order);
      return m.dispatch.unassigned || m.dispatch.itemCode !== "PA-001" ? "PA-001" : "MS-004";
    })();
    const handled = [
      "养蜂的蜂箱摆在门口，蜜蜂蛰人",
      "邻居的蜂箱放在路边，蜜蜂蛰了孩子",
      "蜂箱摆到别人家门口",
    ].map((phrase) => ({ countyCode: "QX", itemCode: target, phrase, source: "CONFIRMED" as const }));
    for (const m of [plain, learning])
      m.addCounty(demoCounty(), [...demoVocabulary(), ...handled], demoPlaces());
    expect(plain.match(order).dispatch.itemCode).not.toBe(target);
    expect(learning.match(order).dispatch).toMatchObject({ unassigned: false, itemCode: target });
    expect(learning.match(order).candidates[0]?.itemCode).toBe(target);
  });
});
