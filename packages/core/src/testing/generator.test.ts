import { describe, expect, it } from "vitest";
import {
  buildListIndex,
  type CountyDataset,
  entryHistory,
  entryInForce,
  findUnassignedItems,
  GUARANTEE_KINDS,
  type IsoDate,
  isoDate,
  LIST_TYPES,
  type ListEntry,
  type ListType,
  listsAsOf,
  temporaryTasksAsOf,
  validateCountyLists,
} from "../index.ts";
import { DEFAULT_BASELINE_DATE, generateCounty, NATIONAL_AVERAGES } from "./generator.ts";
import { CATEGORIES } from "./vocabulary.ts";

const BASELINE = DEFAULT_BASELINE_DATE;
const county = generateCounty({ seed: 2025, townships: 30 });
const adjusted = generateCounty({ seed: 2025, townships: 30, adjustments: 8, temporaryTasks: 6 });

function countsAsOf(dataset: CountyDataset, date: IsoDate): Record<ListType, number>[] {
  const index = buildListIndex(dataset.entries);
  return dataset.townships.map((t) => {
    const lists = listsAsOf(index, t.code, date);
    return {
      BASIC: lists.basic.length,
      COOPERATIVE: lists.cooperative.length,
      RECLAIMED: lists.reclaimed.length,
    };
  });
}

function average(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function ids(entries: readonly ListEntry[]): string[] {
  return entries.map((e) => e.id);
}

describe("generateCounty: determinism", () => {
  it("the same options give deep-equal datasets, with and without history", () => {
    expect(generateCounty({ seed: 2025, townships: 30 })).toEqual(county);
    expect(generateCounty({ seed: 3, townships: 8, adjustments: 4, temporaryTasks: 3 })).toEqual(
      generateCounty({ seed: 3, townships: 8, adjustments: 4, temporaryTasks: 3 }),
    );
  });

  it("different seeds give different counties", () => {
    const other = generateCounty({ seed: 2026, townships: 30 });
    expect(other.county.code).toBe("SYN2026");
    expect(other.townships.map((t) => t.name)).not.toEqual(county.townships.map((t) => t.name));
    expect(other.items.map((i) => i.content.name)).not.toEqual(county.items.map((i) => i.content.name));
    expect(ids(other.entries).map((id) => id.replace("SYN2026", ""))).not.toEqual(
      ids(county.entries).map((id) => id.replace("SYN2025", "")),
    );
  });

  it("adjustments and temporary tasks leave the baseline as it was", () => {
    const before = buildListIndex(county.entries);
    const after = buildListIndex(adjusted.entries);
    for (const township of county.townships) {
      const a = listsAsOf(before, township.code, BASELINE);
      const b = listsAsOf(after, township.code, BASELINE);
      expect(ids(b.basic)).toEqual(ids(a.basic));
      expect(ids(b.cooperative)).toEqual(ids(a.cooperative));
      expect(ids(b.reclaimed)).toEqual(ids(a.reclaimed));
    }
  });
});

describe("generateCounty: valid lists", () => {
  it("passes every publication check, for several seeds and with history", () => {
    expect(validateCountyLists(county)).toEqual([]);
    expect(validateCountyLists(adjusted)).toEqual([]);
    for (const seed of [1, 2, 3]) expect(validateCountyLists(generateCounty({ seed }))).toEqual([]);
  });

  it("one baseline publication opens every entry of a county without history", () => {
    const [publication] = county.publications;
    expect(county.publications).toHaveLength(1);
    expect(publication).toMatchObject({
      id: "SYN2025-PUB-1",
      countyCode: "SYN2025",
      effectiveFrom: BASELINE,
    });
    expect(publication?.publishedOn.localeCompare(BASELINE)).toBeLessThan(0);
    const odd = county.entries.filter(
      (e) =>
        e.openedBy !== "SYN2025-PUB-1" ||
        e.effectiveFrom !== BASELINE ||
        e.effectiveTo !== null ||
        e.closedBy !== null ||
        e.id !== `${e.townshipCode}/${e.itemCode}`,
    );
    expect(odd).toEqual([]);
    expect(county.entries.length).toBeGreaterThan(30 * 300);
  });

  it("entries share their item's content object; codes and names are unique", () => {
    const items = new Map(county.items.map((item) => [item.code, item]));
    const copied = county.entries.filter((e) => e.content !== items.get(e.itemCode)?.content);
    expect(copied.map((e) => e.id)).toEqual([]);
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(county.items.map((i) => i.code))).toBe(true);
    expect(unique(county.items.filter((i) => i.townshipCode === null).map((i) => i.content.name))).toBe(true);
    expect(unique(county.townships.map((t) => t.name))).toBe(true);
    expect(unique(county.departments.map((d) => d.name))).toBe(true);
    expect(county.townships.map((t) => t.code)).toEqual(
      Array.from({ length: 30 }, (_, i) => `SYN2025-T${String(i + 1).padStart(2, "0")}`),
    );
    for (const t of county.townships) {
      expect(t.name).toMatch(
        t.kind === "TOWN" ? /^\p{Script=Han}{2,3}镇$/u : t.kind === "TOWNSHIP" ? /乡$/u : /街道$/u,
      );
    }
    expect(new Set(county.townships.map((t) => t.kind))).toEqual(
      new Set(["TOWN", "TOWNSHIP", "SUBDISTRICT"]),
    );
    expect(county.county.name).toMatch(/^\p{Script=Han}{2}县$/u);
  });

  it("items carry a category, 1–4 tasks and 1–2 cited laws; terms name existing departments", () => {
    const departments = new Set(county.departments.map((d) => d.code));
    const badItems = county.items.filter(
      ({ content }) =>
        content.tasks.length < 1 ||
        content.tasks.length > 4 ||
        content.basis.length < 1 ||
        content.basis.length > 2 ||
        !content.basis.every(
          (c) => /^《.+》$/u.test(c.document) && /^第[一二三四五六七八九十]+条$/u.test(c.article ?? ""),
        ),
    );
    expect(badItems.map((i) => i.code)).toEqual([]);
    const within = (n: number, min: number, max: number) => n >= min && n <= max;
    const malformed = county.entries.filter(({ terms }) => {
      if (terms.type === "RECLAIMED") {
        return !departments.has(terms.receivingDepartment) || terms.wayOfWorking === "";
      }
      if (terms.type === "BASIC") return false;
      return !(
        within(terms.leadDepartments.length, 1, 2) &&
        terms.leadDepartments.every((code) => departments.has(code)) &&
        terms.departmentDuty !== "" &&
        within(terms.cooperationContent.length, 1, 3) &&
        within(terms.guarantees.length, 0, 3) &&
        new Set(terms.guarantees.map((g) => g.kind)).size === terms.guarantees.length &&
        terms.guarantees.every((g) => GUARANTEE_KINDS.includes(g.kind) && g.description !== "")
      );
    });
    expect(malformed.map((e) => e.id)).toEqual([]);
    const types = new Set(county.entries.map((e) => e.terms.type));
    expect(types).toEqual(new Set(LIST_TYPES));
    expect(
      county.entries.some((e) => e.terms.type === "COOPERATIVE" && e.terms.leadDepartments.length === 2),
    ).toBe(true);
  });
});

describe("generateCounty: sizes", () => {
  it("30 townships average 117 basic, 99 cooperative and 124 reclaimed entries (±10 %), each township within ±15 %", () => {
    const counts = countsAsOf(county, BASELINE);
    for (const type of LIST_TYPES) {
      const mean = NATIONAL_AVERAGES[type];
      const perTownship = counts.map((c) => c[type]);
      expect(Math.abs(average(perTownship) - mean)).toBeLessThanOrEqual(mean * 0.1);
      expect(Math.min(...perTownship)).toBeGreaterThanOrEqual(Math.round(mean * 0.85));
      expect(Math.max(...perTownship)).toBeLessThanOrEqual(Math.round(mean * 1.15));
      // Townships differ, as real ones do.
      expect(new Set(perTownship).size).toBeGreaterThan(5);
    }
  });

  it("by default a county has 10–30 townships, 9–15 categories and 20–30 departments, varying with the seed", () => {
    const shapes = [1, 2, 3, 4, 5, 6].map((seed) => {
      const dataset = generateCounty({ seed });
      return {
        townships: dataset.townships.length,
        categories: new Set(dataset.items.map((i) => i.content.category)).size,
        departments: dataset.departments.length,
        categoryNames: dataset.items.map((i) => i.content.category),
      };
    });
    const known = new Set(CATEGORIES.map((c) => c.name));
    for (const shape of shapes) {
      expect(shape.townships).toBeGreaterThanOrEqual(10);
      expect(shape.townships).toBeLessThanOrEqual(30);
      expect(shape.categories).toBeGreaterThanOrEqual(9);
      expect(shape.categories).toBeLessThanOrEqual(15);
      expect(shape.departments).toBeGreaterThanOrEqual(20);
      expect(shape.departments).toBeLessThanOrEqual(30);
      expect(shape.categoryNames.every((name) => known.has(name))).toBe(true);
    }
    expect(new Set(shapes.map((s) => s.townships)).size).toBeGreaterThan(1);
    expect(new Set(shapes.map((s) => s.categories)).size).toBeGreaterThan(1);
  });

  it("an item mostly keeps one type across townships, but not always", () => {
    const byItem = new Map<string, Map<ListType, number>>();
    for (const entry of county.entries) {
      const types = byItem.get(entry.itemCode) ?? new Map<ListType, number>();
      types.set(entry.terms.type, (types.get(entry.terms.type) ?? 0) + 1);
      byItem.set(entry.itemCode, types);
    }
    let usual = 0;
    let total = 0;
    for (const types of byItem.values()) {
      const counts = [...types.values()];
      usual += Math.max(...counts);
      total += counts.reduce((s, n) => s + n, 0);
    }
    expect(usual / total).toBeGreaterThan(0.8);
    expect(usual / total).toBeLessThan(0.97);
  });

  it("about 3 % of basic and cooperative entries lack an internal assignment (L7); reclaimed ones need none", () => {
    const index = buildListIndex(county.entries);
    const unassigned = findUnassignedItems(
      index,
      county.townships.map((t) => t.code),
      BASELINE,
    );
    const done = county.entries.filter((e) => e.terms.type !== "RECLAIMED").length;
    expect(unassigned.length / done).toBeGreaterThan(0.01);
    expect(unassigned.length / done).toBeLessThan(0.06);
    expect(unassigned.some((u) => u.missing.length === 1 && u.missing[0] === "LEADING_POST")).toBe(true);
    expect(
      county.entries.filter((e) => e.terms.type === "RECLAIMED").every((e) => e.assignment === null),
    ).toBe(true);
    const assigned = county.entries.find((e) => e.assignment !== null);
    expect(assigned?.assignment?.leadingPost).toMatch(/^\p{Script=Han}+$/u);
    expect(assigned?.assignment?.assistingUnits.length).toBeGreaterThan(0);
  });

  it("township-specific items (一镇一策) are listed on their township and nowhere else", () => {
    const specials = county.items.filter((i) => i.townshipCode !== null);
    expect(specials.length).toBeGreaterThan(0);
    for (const item of specials) {
      const listedOn = county.entries.filter((e) => e.itemCode === item.code).map((e) => e.townshipCode);
      expect(listedOn).toEqual([item.townshipCode]);
    }
  });

  it("a province-sized run (1,237 townships) generates ~340 entries per township with unique codes", {
    timeout: 20_000,
  }, () => {
    const province = generateCounty({ seed: 1, townships: 1237 });
    expect(province.townships.at(-1)?.code).toBe("SYN1-T1237");
    expect(new Set(province.townships.map((t) => t.name)).size).toBe(1237);
    expect(province.entries.length / 1237).toBeGreaterThan(340 * 0.95);
    expect(province.entries.length / 1237).toBeLessThan(340 * 1.05);
    // More townships than two-syllable names: three-syllable names keep them unique.
    const many = generateCounty({
      seed: 1,
      townships: 2000,
      meanBasic: 1,
      meanCooperative: 1,
      meanReclaimed: 1,
    });
    expect(new Set(many.townships.map((t) => t.name)).size).toBe(2000);
  });
});

describe("generateCounty: options", () => {
  it("honours explicit options", () => {
    const baselineDate = isoDate("2024-07-01");
    const dataset = generateCounty({
      seed: 4,
      countyCode: "QX2",
      townships: 7,
      categories: 5,
      departments: 12,
      meanBasic: 40,
      meanCooperative: 20,
      meanReclaimed: 60,
      baselineDate,
      adjustments: 3,
      temporaryTasks: 2,
    });
    expect(validateCountyLists(dataset)).toEqual([]);
    expect(dataset.county.code).toBe("QX2");
    expect(dataset.townships.map((t) => t.code)).toEqual([
      "QX2-T01",
      "QX2-T02",
      "QX2-T03",
      "QX2-T04",
      "QX2-T05",
      "QX2-T06",
      "QX2-T07",
    ]);
    expect(new Set(dataset.items.map((i) => i.content.category)).size).toBe(5);
    expect(dataset.departments).toHaveLength(12);
    expect(dataset.publications[0]?.effectiveFrom).toBe(baselineDate);
    const means: Record<ListType, number> = { BASIC: 40, COOPERATIVE: 20, RECLAIMED: 60 };
    for (const counts of countsAsOf(dataset, baselineDate)) {
      for (const type of LIST_TYPES) {
        expect(counts[type]).toBeGreaterThanOrEqual(Math.round(means[type] * 0.85));
        expect(counts[type]).toBeLessThanOrEqual(Math.round(means[type] * 1.15));
      }
    }
    expect(dataset.adjustments).toHaveLength(3);
    for (const adjustment of dataset.adjustments) {
      const from = adjustment.publication?.effectiveFrom ?? "";
      expect(from > baselineDate && from <= "2024-12-31").toBe(true);
    }
    expect(dataset.temporaryTasks).toHaveLength(2);
    expect(dataset.entries.every((e) => e.countyCode === "QX2")).toBe(true);
  });

  it("refuses options it cannot honour", () => {
    expect(() => generateCounty({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 1, townships: 0 })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 1, categories: 16 })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 1, departments: 99 })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 1, meanBasic: -1 })).toThrow(RangeError);
    expect(() => generateCounty({ seed: 1, adjustments: -1 })).toThrow(RangeError);
  });
});

describe("generateCounty: adjustments and temporary tasks", () => {
  const published = adjusted.adjustments;

  it("publishes every adjustment, dated after the baseline within its year, in order", () => {
    expect(published).toHaveLength(8);
    const dates = published.map((a) => a.publication?.effectiveFrom ?? "");
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const a of published) {
      const publication = a.publication;
      if (publication === null) throw new Error(`${a.id} was not published`);
      expect(publication.effectiveFrom > BASELINE && publication.effectiveFrom <= "2025-12-31").toBe(true);
      expect(a.proposedOn >= BASELINE).toBe(true);
      for (const approval of a.approvals) {
        expect(approval.approvedOn >= a.proposedOn && approval.approvedOn <= publication.publishedOn).toBe(
          true,
        );
      }
      expect(publication.publishedOn <= publication.effectiveFrom).toBe(true);
      expect(a.approvals.map((x) => x.level)).toContain("COUNTY");
    }
  });

  it("mixes the kinds of change and both approval routes (L3, L4)", () => {
    const changes = published.flatMap((a) => a.changes);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(["ADD", "REMOVE", "RECLASSIFY", "AMEND"]));
    const reclassifiedTo = new Set(changes.flatMap((c) => (c.kind === "RECLASSIFY" ? [c.terms.type] : [])));
    expect(reclassifiedTo).toContain("RECLAIMED");
    expect(reclassifiedTo).toContain("BASIC");
    const provincial = published.filter((a) => a.approvals.some((x) => x.level === "PROVINCE"));
    expect(provincial.length).toBeGreaterThan(0);
    expect(provincial.length).toBeLessThan(published.length);
    // Access-route adjustments are the ones proposed for work needs or by the county party
    // committee or government (L4: the proposer decides, not the label).
    expect(
      provincial.every((a) => a.trigger.kind === "WORK_NEED" || a.proposer.kind.startsWith("COUNTY_")),
    ).toBe(true);
  });

  it("reclassifies items mid-year: the lists before and after differ, and both stay reconstructible (L2)", () => {
    const index = buildListIndex(adjusted.entries);
    const reclassified = published.flatMap((a) =>
      a.changes.flatMap((c) =>
        c.kind === "RECLASSIFY" ? [{ change: c, from: a.publication?.effectiveFrom }] : [],
      ),
    );
    expect(reclassified.length).toBeGreaterThan(0);
    for (const { change, from } of reclassified) {
      if (from === undefined) throw new Error("unpublished");
      const history = entryHistory(index, change.townshipCode, change.itemCode);
      expect(history.length).toBeGreaterThan(1);
      const dayBefore = history.find((e) => e.effectiveTo === from);
      expect(dayBefore).toBeDefined();
      expect(entryInForce(index, change.townshipCode, change.itemCode, from)?.terms).toEqual(change.terms);
      expect(dayBefore?.terms.type).not.toBe(change.terms.type);
      const before = listsAsOf(index, change.townshipCode, BASELINE);
      const after = listsAsOf(index, change.townshipCode, isoDate("2025-12-31"));
      expect(after.version.number).toBeGreaterThan(before.version.number);
      expect([ids(after.basic), ids(after.cooperative), ids(after.reclaimed)]).not.toEqual([
        ids(before.basic),
        ids(before.cooperative),
        ids(before.reclaimed),
      ]);
    }
  });

  it("registers temporary tasks with real decisions and closes some of them (L5)", () => {
    const tasks = adjusted.temporaryTasks;
    expect(tasks).toHaveLength(6);
    const townships = new Set(adjusted.townships.map((t) => t.code));
    const departments = new Set(adjusted.departments.map((d) => d.code));
    for (const task of tasks) {
      expect(task.townshipCodes.every((code) => townships.has(code))).toBe(true);
      expect(departments.has(task.requestingDepartment)).toBe(true);
      expect(task.decision.documentNo).toMatch(/〔\d{4}〕\d+号$/u);
      expect(task.startsOn > BASELINE && task.plannedEndOn > task.startsOn).toBe(true);
    }
    const yearEnd = temporaryTasksAsOf(tasks, isoDate("2025-12-31"));
    expect(yearEnd.some((v) => v.status === "CLOSED")).toBe(true);
    expect(yearEnd.some((v) => v.status !== "CLOSED")).toBe(true);
  });
});
