import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IsoDate, isoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { entryDepartments, type ListType } from "../lists/list-entry.ts";
import { entryHistory, type ListIndex } from "../lists/list-index.ts";
import { countySeed, smallCounty } from "../testing/arbitraries.ts";
import { demoAssessmentPlan } from "../testing/demo-plan.ts";
import { demoCounty } from "../testing/index.ts";
import type { AssessmentPlan, Indicator, TownshipTrack } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import {
  PLAN_ISSUE_CODES,
  PLAN_ISSUE_KINDS,
  type PlanIssue,
  type PlanIssueCode,
  type PlanRuleId,
} from "./plan-issue.ts";
import { validateAssessmentPlan } from "./plan-validation.ts";

const dataset = demoCounty();
const demo = demoAssessmentPlan();
const validate = (plan: AssessmentPlan) => validateAssessmentPlan(plan, dataset);

/** The plan with one indicator changed. */
function change(plan: AssessmentPlan, code: string, patch: Partial<Indicator>): AssessmentPlan {
  if (!plan.indicators.some((i) => i.code === code)) throw new Error(`no indicator ${code}`);
  return { ...plan, indicators: plan.indicators.map((i) => (i.code === code ? { ...i, ...patch } : i)) };
}

function indicatorOf(plan: AssessmentPlan, code: string): Indicator {
  const found = plan.indicators.find((i) => i.code === code);
  if (found === undefined) throw new Error(`no indicator ${code}`);
  return found;
}

const keyOf = (i: PlanIssue) => [i.code, i.indicatorCode ?? "-", i.ruleId, i.itemCodes.join(",")].join("|");

/** The issues of `plan` that the demo plan does not have. */
function newIssues(plan: AssessmentPlan): PlanIssue[] {
  const known = new Set(validate(demo).issues.map(keyOf));
  return validate(plan).issues.filter((i) => !known.has(keyOf(i)));
}

function reachOf(plan: AssessmentPlan, code: string) {
  const found = validate(plan).perIndicator.find((r) => r.indicatorCode === code);
  if (found === undefined) throw new Error(`no reach for ${code}`);
  return found;
}

const ALL_TOWNSHIPS = ["QX-BS", "QX-CG", "QX-QX", "QX-SM", "QX-TY"];

describe("the demo plan of 青溪县 2025", () => {
  const result = validate(demo);

  it("S1–S6, S10: validates with no error; its one warning is CJ-001, reclaimed in 城关镇 and 青溪街道 from 1 July", () => {
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => [i.indicatorCode, i.code, i.severity, i.ruleId, i.itemCodes])).toEqual([
      ["T04-2", "PARTLY_RECLAIMED", "WARNING", "S1", ["CJ-001"]],
    ]);
    expect(result.perIndicator.map((r) => r.indicatorCode)).toEqual(demo.indicators.map((i) => i.code));
  });

  it("S1: each township indicator applies where its items are on the list of its track during the year", () => {
    expect(reachOf(demo, "T04-1")).toEqual({
      indicatorCode: "T04-1",
      boundItems: ["ZR-001"],
      townships: ["QX-BS", "QX-CG", "QX-SM", "QX-TY"], // a subdistrict has no farmland
      departments: [],
    });
    expect(reachOf(demo, "T04-3")).toMatchObject({
      boundItems: ["BS-TS-001", "SM-TS-001"],
      townships: ["QX-BS", "QX-SM"],
    });
    expect(reachOf(demo, "T05-4")).toMatchObject({ boundItems: ["CJ-003"], townships: ["QX-CG"] });
  });

  it("S4: department indicators reach the departments the items were reclaimed to", () => {
    expect(reachOf(demo, "D01-1")).toMatchObject({
      boundItems: ["CJ-001", "CJ-002", "SC-001", "ZR-002"],
      departments: ["SCJGJ", "ZHZFJ", "ZRZYJ"],
    });
  });

  it("S5, S6: list execution and two-way rating concern every department", () => {
    const all = dataset.departments.map((d) => d.code).sort();
    expect(reachOf(demo, "D02-1").departments).toEqual(all);
    expect(reachOf(demo, "D03-1").departments).toEqual(all);
  });
});

interface Trigger {
  readonly title: string;
  readonly change: (plan: AssessmentPlan) => AssessmentPlan;
  readonly indicatorCode: string | null;
  readonly ruleId: PlanRuleId;
  readonly itemCodes: readonly string[];
}

// A Record over the codes: a new issue code without a test does not compile.
const TRIGGERS: Readonly<Record<PlanIssueCode, Trigger>> = {
  WRONG_COUNTY: {
    title: "the plan of another county",
    change: (p) => ({ ...p, countyCode: "HS" }),
    indicatorCode: null,
    ruleId: "S1",
    itemCodes: [],
  },
  INVALID_YEAR: {
    title: "a year that is not one",
    change: (p) => ({ ...p, year: 2025.5 }),
    indicatorCode: null,
    ruleId: "S1",
    itemCodes: [],
  },
  DUPLICATE_CODE: {
    title: "two second-level indicators with one code",
    change: (p) => ({
      ...p,
      indicators: [...p.indicators, { ...indicatorOf(p, "T03-1"), name: "平安建设" }],
    }),
    indicatorCode: "T03-1",
    ruleId: "S10",
    itemCodes: [],
  },
  UNKNOWN_PARENT: {
    title: "a parent that is not a first-level indicator",
    change: (p) => change(p, "T04-1", { parentCode: "T99" }),
    indicatorCode: "T04-1",
    ruleId: "S10",
    itemCodes: [],
  },
  SUBJECT_MISMATCH: {
    title: "a township indicator under a department heading",
    change: (p) => change(p, "T04-1", { parentCode: "D01" }),
    indicatorCode: "T04-1",
    ruleId: "S10",
    itemCodes: [],
  },
  EMPTY_FIRST_LEVEL: {
    title: "a first-level indicator with nothing under it",
    change: (p) => ({
      ...p,
      firstLevel: [...p.firstLevel, { code: "T06", name: "经济发展", subject: "TOWNSHIP" }],
    }),
    indicatorCode: "T06",
    ruleId: "S10",
    itemCodes: [],
  },
  MISSING_TRACK: {
    title: "a township indicator feeding neither score",
    change: (p) => change(p, "T01-1", { track: null }),
    indicatorCode: "T01-1",
    ruleId: "S2",
    itemCodes: [],
  },
  UNEXPECTED_TRACK: {
    title: "a department indicator feeding a township score",
    change: (p) => change(p, "D01-2", { track: "CORE" }),
    indicatorCode: "D01-2",
    ruleId: "S4",
    itemCodes: [],
  },
  INVALID_POINTS: {
    title: "zero points",
    change: (p) => change(p, "T01-1", { points: "0" }),
    indicatorCode: "T01-1",
    ruleId: "S8",
    itemCodes: [],
  },
  INVALID_DEDUCTION: {
    title: "a negative deduction per event",
    change: (p) => change(p, "T04-2", { method: { kind: "DEDUCTION", perEvent: "-2" } }),
    indicatorCode: "T04-2",
    ruleId: "S8",
    itemCodes: [],
  },
  METHOD_MISMATCH: {
    title: "ratings scored as a ratio",
    change: (p) => change(p, "D03-1", { method: { kind: "RATIO" } }),
    indicatorCode: "D03-1",
    ruleId: "S6",
    itemCodes: [],
  },
  BOUND_TO_NOTHING: {
    title: "a township indicator bound to no item",
    change: (p) => change(p, "T01-1", { binding: { kind: "ITEMS", itemCodes: [] } }),
    indicatorCode: "T01-1",
    ruleId: "S1",
    itemCodes: [],
  },
  BOUND_TO_RECLAIMED: {
    title: "a township indicator bound to an item reclaimed everywhere",
    change: (p) => change(p, "T03-1", { binding: { kind: "ITEMS", itemCodes: ["PA-001", "CJ-002"] } }),
    indicatorCode: "T03-1",
    ruleId: "S1",
    itemCodes: ["CJ-002"],
  },
  OFF_LIST_ITEM: {
    title: "an unknown item code",
    change: (p) => change(p, "T01-1", { binding: { kind: "ITEMS", itemCodes: ["DJ-001", "DJ-999"] } }),
    indicatorCode: "T01-1",
    ruleId: "S1",
    itemCodes: ["DJ-999"],
  },
  WRONG_TRACK: {
    title: "a core indicator bound to a cooperative item",
    change: (p) => change(p, "T03-1", { binding: { kind: "ITEMS", itemCodes: ["PA-001", "PA-002"] } }),
    indicatorCode: "T03-1",
    ruleId: "S2",
    itemCodes: ["PA-002"],
  },
  DEPARTMENT_BINDING: {
    title: "a department indicator bound to a basic item",
    change: (p) => change(p, "D01-2", { binding: { kind: "ITEMS", itemCodes: ["ZR-002", "ZR-001"] } }),
    indicatorCode: "D01-2",
    ruleId: "S4",
    itemCodes: ["ZR-001"],
  },
  DEPARTMENT_ONLY_BINDING: {
    title: "a township indicator on list execution",
    change: (p) =>
      change(p, "T01-1", { binding: { kind: "LIST_EXECUTION", aspect: "GUARANTEES_DELIVERED" } }),
    indicatorCode: "T01-1",
    ruleId: "S5",
    itemCodes: [],
  },
  PARTLY_RECLAIMED: {
    title: "another core indicator naming CJ-001",
    change: (p) =>
      change(p, "T04-3", { binding: { kind: "ITEMS", itemCodes: ["SM-TS-001", "BS-TS-001", "CJ-001"] } }),
    indicatorCode: "T04-3",
    ruleId: "S1",
    itemCodes: ["CJ-001"],
  },
  RESEMBLES_RECLAIMED: {
    title: "a core indicator renamed 非法占用土地行政处罚, an item reclaimed to 自然资源局 (明减暗增)",
    change: (p) => change(p, "T04-1", { name: "非法占用土地行政处罚" }),
    indicatorCode: "T04-1",
    ruleId: "L6",
    itemCodes: ["ZR-002"],
  },
};

describe("each issue, from a minimal change of the demo plan", () => {
  for (const code of PLAN_ISSUE_CODES) {
    const trigger = TRIGGERS[code];
    it(`${trigger.ruleId} ${code}: ${trigger.title}`, () => {
      const plan = trigger.change(demo);
      const found = newIssues(plan);
      expect(found.map((i) => [i.code, i.indicatorCode, i.ruleId, i.severity, i.itemCodes])).toEqual([
        [code, trigger.indicatorCode, trigger.ruleId, PLAN_ISSUE_KINDS[code].severity, trigger.itemCodes],
      ]);
      const [issue] = found;
      if (trigger.indicatorCode !== null) expect(issue?.message).toContain(trigger.indicatorCode);
      for (const item of trigger.itemCodes) expect(issue?.message).toContain(item);
      expect(validate(plan).valid).toBe(PLAN_ISSUE_KINDS[code].severity === "WARNING");
    });
  }
});

describe("S1: township indicators bind only what the lists contain", () => {
  it("S1: an indicator bound to ZR-002 (reclaimed to 县自然资源局 in every township) is rejected, naming it and why", () => {
    const plan = change(demo, "T04-1", { binding: { kind: "ITEMS", itemCodes: ["ZR-002"] } });
    const result = validate(plan);
    expect(result.valid).toBe(false);
    const issue = result.issues.find((i) => i.indicatorCode === "T04-1");
    expect(issue).toMatchObject({
      code: "BOUND_TO_RECLAIMED",
      severity: "ERROR",
      ruleId: "S1",
      itemCodes: ["ZR-002"],
    });
    expect(issue?.message).toContain("指标 T04-1「耕地保护日常巡查」");
    expect(issue?.message).toContain("ZR-002「非法占用土地行政处罚」");
    expect(issue?.message).toContain("收回事项");
    expect(reachOf(plan, "T04-1")).toMatchObject({ boundItems: [], townships: [] });
  });

  it("S1: a selector of reclaimed items on a township indicator is rejected, naming the items", () => {
    const plan = change(demo, "T04-1", {
      binding: { kind: "SELECTOR", listType: "RECLAIMED", category: "自然资源" },
    });
    expect(newIssues(plan).map((i) => [i.code, i.ruleId, i.itemCodes])).toEqual([
      ["BOUND_TO_RECLAIMED", "S1", ["ZR-002"]],
    ]);
  });

  it("S1: an indicator bound to nothing, or to a selector that matches nothing, is rejected", () => {
    const plan = change(change(demo, "T01-1", { binding: { kind: "ITEMS", itemCodes: [] } }), "T02-1", {
      binding: { kind: "SELECTOR", listType: "BASIC", category: "乡村振兴" },
    });
    const found = newIssues(plan);
    expect(found.map((i) => [i.indicatorCode, i.code, i.ruleId])).toEqual([
      ["T01-1", "BOUND_TO_NOTHING", "S1"],
      ["T02-1", "BOUND_TO_NOTHING", "S1"],
    ]);
    expect(found[1]?.message).toContain("乡村振兴");
    expect(validate(plan).valid).toBe(false);
  });

  it("S1: an item only proposed (CJ-004, not approved) is off the lists", () => {
    const plan = change(demo, "T04-2", { binding: { kind: "ITEMS", itemCodes: ["CJ-004"] } });
    const [issue] = newIssues(plan);
    expect(issue).toMatchObject({ code: "OFF_LIST_ITEM", ruleId: "S1", itemCodes: ["CJ-004"] });
    expect(issue?.message).toContain("事项目录中无此事项");
  });

  it("S1: “during the year” is [year-01-01, (year+1)-01-01): entries that end on its first day or start on the next year's do not count", () => {
    const shifted: CountyDataset = {
      ...dataset,
      entries: dataset.entries.map((e) =>
        e.id === "QX-BS/BS-TS-001"
          ? { ...e, effectiveFrom: isoDate("2026-01-01") }
          : e.id === "QX-SM/SM-TS-001"
            ? { ...e, effectiveFrom: isoDate("2024-01-01"), effectiveTo: isoDate("2025-01-01") }
            : e,
      ),
    };
    const in2025 = validateAssessmentPlan(demo, shifted);
    const issue = in2025.issues.find((i) => i.indicatorCode === "T04-3");
    expect(issue).toMatchObject({
      code: "OFF_LIST_ITEM",
      ruleId: "S1",
      itemCodes: ["BS-TS-001", "SM-TS-001"],
    });
    expect(issue?.message).toContain("2025 年度未列入任何乡镇的清单");
    expect(in2025.perIndicator.find((r) => r.indicatorCode === "T04-3")).toMatchObject({
      boundItems: [],
      townships: [],
    });
    const in2026 = validateAssessmentPlan({ ...demo, year: 2026 }, shifted);
    expect(in2026.issues.find((i) => i.indicatorCode === "T04-3")).toMatchObject({
      code: "OFF_LIST_ITEM",
      itemCodes: ["SM-TS-001"],
    });
    expect(in2026.perIndicator.find((r) => r.indicatorCode === "T04-3")).toMatchObject({
      boundItems: ["BS-TS-001"],
      townships: ["QX-BS"],
    });
  });

  it("S1: for 2024, before the lists took effect, every item is off the lists", () => {
    const result = validate({ ...demo, year: 2024 });
    const byIndicator = new Map(result.issues.map((i) => [i.indicatorCode, i]));
    expect(byIndicator.get("T01-1")).toMatchObject({ code: "OFF_LIST_ITEM", itemCodes: ["DJ-001"] });
    expect(byIndicator.get("T02-1")).toMatchObject({ code: "BOUND_TO_NOTHING", ruleId: "S1" });
    expect(byIndicator.get("D01-2")).toMatchObject({ code: "OFF_LIST_ITEM", itemCodes: ["ZR-002"] });
    expect(result.valid).toBe(false);
  });

  it("S1: a selector “BASIC + 民生服务” resolves to the basic 民生服务 items only (not the cooperative MS-002)", () => {
    expect(reachOf(demo, "T02-1")).toEqual({
      indicatorCode: "T02-1",
      boundItems: ["MS-001"],
      townships: ALL_TOWNSHIPS,
      departments: [],
    });
    const cooperative = change(demo, "T05-2", {
      binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: "民生服务" },
    });
    expect(reachOf(cooperative, "T05-2").boundItems).toEqual(["MS-002"]);
    expect(newIssues(cooperative)).toEqual([]);
  });

  it("S1, S7: CJ-001 (basic in 城关镇 until 2025-07-01, then reclaimed; basic elsewhere) is valid for CORE, with a warning naming 城关镇", () => {
    const result = validate(demo);
    expect(result.valid).toBe(true);
    const issue = result.issues.find((i) => i.indicatorCode === "T04-2");
    expect(issue).toMatchObject({
      code: "PARTLY_RECLAIMED",
      severity: "WARNING",
      ruleId: "S1",
      itemCodes: ["CJ-001"],
      townshipCodes: ["QX-CG", "QX-QX"],
    });
    expect(issue?.message).toContain("指标 T04-2「占道经营管理」");
    expect(issue?.message).toContain("城关镇(QX-CG)自 2025-07-01 起");
    // It still applies in 城关镇: records dated before 1 July count.
    expect(reachOf(demo, "T04-2")).toMatchObject({ boundItems: ["CJ-001"], townships: ALL_TOWNSHIPS });
  });

  it("S1, S7: a selector matching CJ-001 carries the same warning", () => {
    const plan = change(demo, "T04-1", {
      binding: { kind: "SELECTOR", listType: "BASIC", category: "城乡建设" },
    });
    expect(newIssues(plan).map((i) => [i.indicatorCode, i.code, i.itemCodes, i.townshipCodes])).toEqual([
      ["T04-1", "PARTLY_RECLAIMED", ["CJ-001"], ["QX-CG", "QX-QX"]],
    ]);
  });
});

describe("S2, S3: tracks", () => {
  it("S3: a collaborative indicator bound to a basic item is on the wrong track", () => {
    const plan = change(demo, "T05-1", { binding: { kind: "ITEMS", itemCodes: ["PA-002", "MS-001"] } });
    const [issue] = newIssues(plan);
    expect(issue).toMatchObject({ code: "WRONG_TRACK", ruleId: "S3", itemCodes: ["MS-001"] });
    expect(issue?.message).toContain("T05-1");
    expect(reachOf(plan, "T05-1").boundItems).toEqual(["PA-002"]);
  });

  it("S2, S3: a selector's list type must be that of the track", () => {
    const core = change(demo, "T02-1", {
      binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: "民生服务" },
    });
    expect(newIssues(core).map((i) => [i.code, i.ruleId, i.itemCodes])).toEqual([
      ["WRONG_TRACK", "S2", ["MS-002"]],
    ]);
    const collaborative = change(demo, "T05-2", {
      binding: { kind: "SELECTOR", listType: "BASIC", category: "民生服务" },
    });
    expect(newIssues(collaborative).map((i) => [i.code, i.ruleId, i.itemCodes])).toEqual([
      ["WRONG_TRACK", "S3", ["MS-001"]],
    ]);
  });
});

describe("S4–S6: department indicators", () => {
  it("S4: a department indicator bound to ZR-002 is valid (reclaimed to 县自然资源局)", () => {
    const result = validate(demo);
    expect(result.issues.filter((i) => i.indicatorCode === "D01-2")).toEqual([]);
    expect(reachOf(demo, "D01-2")).toEqual({
      indicatorCode: "D01-2",
      boundItems: ["ZR-002"],
      townships: ALL_TOWNSHIPS,
      departments: ["ZRZYJ"],
    });
  });

  it("S4, S5: a department indicator may bind CJ-001 (reclaimed to ZHZFJ from July) and PA-002 (led by XFJY)", () => {
    const plan = change(demo, "D01-2", { binding: { kind: "ITEMS", itemCodes: ["CJ-001", "PA-002"] } });
    expect(newIssues(plan)).toEqual([]);
    expect(reachOf(plan, "D01-2").departments).toEqual(["XFJY", "ZHZFJ"]);
  });

  it("S4: a department selector of basic items is rejected, naming them", () => {
    const plan = change(demo, "D01-1", {
      binding: { kind: "SELECTOR", listType: "BASIC", category: "自然资源" },
    });
    expect(newIssues(plan).map((i) => [i.code, i.ruleId, i.itemCodes])).toEqual([
      ["DEPARTMENT_BINDING", "S4", ["ZR-001"]],
    ]);
  });

  it("S6: two-way rating on a township indicator is rejected", () => {
    const plan = change(demo, "T01-1", { binding: { kind: "TWO_WAY_RATING" } });
    expect(newIssues(plan).map((i) => [i.indicatorCode, i.code, i.ruleId])).toEqual([
      ["T01-1", "DEPARTMENT_ONLY_BINDING", "S6"],
    ]);
  });

  it("S5: push-downs deducted per event; a ratio is a warning", () => {
    const plan = change(demo, "D02-3", { method: { kind: "RATIO" } });
    expect(newIssues(plan).map((i) => [i.indicatorCode, i.code, i.severity, i.ruleId])).toEqual([
      ["D02-3", "METHOD_MISMATCH", "WARNING", "S5"],
    ]);
  });
});

describe("S8: points", () => {
  it.each(["", "-5", "ten", "1e2", " 5", "0.00"])("S8: points %j are rejected", (points) => {
    const found = newIssues(change(demo, "T03-1", { points }));
    expect(found.map((i) => [i.indicatorCode, i.code, i.ruleId])).toEqual([
      ["T03-1", "INVALID_POINTS", "S8"],
    ]);
    expect(found[0]?.message).toContain("T03-1");
  });

  it("S8: decimal points such as 2.5 are accepted", () => {
    expect(newIssues(change(demo, "T03-1", { points: "2.5" }))).toEqual([]);
  });
});

/** A plan with several problems at once. */
const broken: AssessmentPlan = (() => {
  let plan: AssessmentPlan = { ...demo, countyCode: "HS" };
  plan = change(plan, "T01-1", { binding: { kind: "ITEMS", itemCodes: [] } });
  plan = change(plan, "T03-1", { binding: { kind: "ITEMS", itemCodes: ["PA-001", "ZR-002", "XX-999"] } });
  plan = change(plan, "T05-1", { track: "CORE" });
  plan = change(plan, "D01-2", { points: "0", method: { kind: "DEDUCTION", perEvent: "0" } });
  plan = change(plan, "D02-1", { parentCode: "T05" });
  return {
    ...plan,
    firstLevel: [...plan.firstLevel, { code: "T06", name: "经济发展", subject: "TOWNSHIP" }],
  };
})();

describe("every issue at once", () => {
  it("S1, S2, S8, S10: several problems in one plan are reported together, in plan order", () => {
    const result = validate(broken);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.indicatorCode, i.code, i.ruleId, i.itemCodes])).toEqual([
      [null, "WRONG_COUNTY", "S1", []],
      ["T06", "EMPTY_FIRST_LEVEL", "S10", []],
      ["T01-1", "BOUND_TO_NOTHING", "S1", []],
      ["T03-1", "OFF_LIST_ITEM", "S1", ["XX-999"]],
      ["T03-1", "BOUND_TO_RECLAIMED", "S1", ["ZR-002"]],
      ["T04-2", "PARTLY_RECLAIMED", "S1", ["CJ-001"]],
      ["T05-1", "WRONG_TRACK", "S2", ["PA-002"]],
      ["D01-2", "INVALID_POINTS", "S8", []],
      ["D01-2", "INVALID_DEDUCTION", "S8", []],
      ["D02-1", "SUBJECT_MISMATCH", "S10", []],
    ]);
    for (const issue of result.issues) {
      if (issue.indicatorCode !== null) expect(issue.message).toContain(issue.indicatorCode);
    }
  });

  it("S1–S10: the issues and reaches do not depend on the order of the plan's indicators", () => {
    const sortedKeys = (plan: AssessmentPlan) => validate(plan).issues.map(keyOf).sort();
    const reaches = (plan: AssessmentPlan) =>
      [...validate(plan).perIndicator].sort((a, b) => (a.indicatorCode < b.indicatorCode ? -1 : 1));
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...broken.firstLevel], { minLength: broken.firstLevel.length }),
        fc.shuffledSubarray([...broken.indicators], { minLength: broken.indicators.length }),
        (firstLevel, indicators) => {
          const shuffled = { ...broken, firstLevel, indicators };
          expect(sortedKeys(shuffled)).toEqual(sortedKeys(broken));
          expect(reaches(shuffled)).toEqual(reaches(broken));
        },
      ),
      { numRuns: 50 },
    );
  });
});

/** The list types an item had in any township on some day of the year, by each township's history. */
function typesDuringYear(
  index: ListIndex,
  townships: readonly string[],
  itemCode: string,
  year: number,
): { types: Map<ListType, Set<string>>; departments: Set<string> } {
  const from = `${year}-01-01` as IsoDate;
  const to = `${year + 1}-01-01` as IsoDate;
  const types = new Map<ListType, Set<string>>();
  const departments = new Set<string>();
  for (const township of townships) {
    for (const entry of entryHistory(index, township, itemCode)) {
      if (entry.effectiveFrom >= to || (entry.effectiveTo !== null && entry.effectiveTo <= from)) continue;
      types.set(entry.terms.type, new Set([...(types.get(entry.terms.type) ?? []), township]));
      for (const d of entryDepartments(entry.terms)) departments.add(d);
    }
  }
  return { types, departments };
}

describe("properties over generated counties with mid-year adjustments", () => {
  const sortedOf = (values: Iterable<string>) => [...new Set(values)].sort();
  const binding = countySeed.chain((seed) => {
    const county = smallCounty(seed);
    const codes = [...county.dataset.items.map((i) => i.code), "ZZ-UNKNOWN"];
    return fc.record({
      seed: fc.constant(seed),
      itemCodes: fc.subarray(codes, { minLength: 1, maxLength: 6 }),
      track: fc.constantFrom<TownshipTrack>("CORE", "COLLABORATIVE"),
      year: fc.constantFrom(2024, 2025, 2026),
    });
  });
  const planFor = (countyCode: string, year: number, indicator: Indicator): AssessmentPlan => ({
    id: "P",
    countyCode,
    year,
    title: "性质测试",
    firstLevel: [{ code: "F", name: "一级", subject: indicator.subject }],
    indicators: [indicator],
  });

  it("S1–S3: a township indicator is rejected exactly for the items not on its track's list during the year, each named", () => {
    fc.assert(
      fc.property(binding, ({ seed, itemCodes, track, year }) => {
        const county = smallCounty(seed);
        const indicator: Indicator = {
          code: "I",
          parentCode: "F",
          name: "指标",
          subject: "TOWNSHIP",
          track,
          points: "10",
          method: { kind: "RATIO" },
          binding: { kind: "ITEMS", itemCodes },
        };
        const result = validateAssessmentPlan(
          planFor(county.dataset.county.code, year, indicator),
          county.dataset,
        );
        const expected = new Map<PlanIssueCode, string[]>();
        const note = (code: PlanIssueCode, item: string) =>
          expected.set(code, [...(expected.get(code) ?? []), item]);
        const bound: string[] = [];
        const townships: string[] = [];
        for (const item of itemCodes) {
          const { types } = typesDuringYear(county.index, county.townshipCodes, item, year);
          const on = types.get(TRACK_LIST_TYPE[track]);
          if (types.size === 0) note("OFF_LIST_ITEM", item);
          else if (on !== undefined) {
            bound.push(item);
            townships.push(...on);
            if (types.has("RECLAIMED")) note("PARTLY_RECLAIMED", item);
          } else if (types.size === 1 && types.has("RECLAIMED")) note("BOUND_TO_RECLAIMED", item);
          else note("WRONG_TRACK", item);
        }
        const actual = new Map(result.issues.map((i) => [i.code, [...i.itemCodes]]));
        expect(actual).toEqual(new Map([...expected].map(([code, items]) => [code, sortedOf(items)])));
        for (const issue of result.issues) {
          expect(issue.ruleId).toBe(issue.code === "WRONG_TRACK" ? (track === "CORE" ? "S2" : "S3") : "S1");
          expect(issue.message).toContain("指标 I「指标」");
        }
        expect(result.valid).toBe([...expected.keys()].every((code) => code === "PARTLY_RECLAIMED"));
        expect(result.perIndicator).toEqual([
          {
            indicatorCode: "I",
            boundItems: sortedOf(bound),
            townships: sortedOf(townships),
            departments: [],
          },
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it("S4, S5: a department indicator binds exactly the items reclaimed to or led by a department during the year", () => {
    fc.assert(
      fc.property(binding, ({ seed, itemCodes, year }) => {
        const county = smallCounty(seed);
        const indicator: Indicator = {
          code: "D",
          parentCode: "F",
          name: "部门指标",
          subject: "DEPARTMENT",
          track: null,
          points: "10",
          method: { kind: "RATIO" },
          binding: { kind: "ITEMS", itemCodes },
        };
        const result = validateAssessmentPlan(
          planFor(county.dataset.county.code, year, indicator),
          county.dataset,
        );
        const offList: string[] = [];
        const notOwned: string[] = [];
        const bound: string[] = [];
        const departments: string[] = [];
        for (const item of itemCodes) {
          const found = typesDuringYear(county.index, county.townshipCodes, item, year);
          if (found.types.size === 0) offList.push(item);
          else if (found.departments.size === 0) notOwned.push(item);
          else {
            bound.push(item);
            departments.push(...found.departments);
          }
        }
        const actual = result.issues.map((i) => [i.code, i.ruleId, i.itemCodes]);
        expect(actual).toEqual([
          ...(offList.length > 0 ? [["OFF_LIST_ITEM", "S1", sortedOf(offList)]] : []),
          ...(notOwned.length > 0 ? [["DEPARTMENT_BINDING", "S4", sortedOf(notOwned)]] : []),
        ]);
        expect(result.perIndicator[0]).toMatchObject({
          boundItems: sortedOf(bound),
          departments: sortedOf(departments),
        });
      }),
      { numRuns: 100 },
    );
  });

  it("S1: a province-wide selector of reclaimed items names a few in its message and all in the issue", () => {
    const county = smallCounty(1);
    const plan: AssessmentPlan = planFor(county.dataset.county.code, 2025, {
      code: "R",
      parentCode: "F",
      name: "收回事项",
      subject: "TOWNSHIP",
      track: "CORE",
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
    });
    const reclaimed = sortedOf(
      county.dataset.entries
        .filter((e) => e.terms.type === "RECLAIMED" && e.effectiveFrom < "2026-01-01")
        .map((e) => e.itemCode),
    );
    expect(reclaimed.length).toBeGreaterThan(8);
    const [issue] = validateAssessmentPlan(plan, county.dataset).issues;
    expect(issue).toMatchObject({ code: "BOUND_TO_RECLAIMED", ruleId: "S1", itemCodes: reclaimed });
    expect(issue?.message).toContain(`等 ${reclaimed.length} 项事项`);
  });

  it("S1: a selector resolves to the items with an entry of its type and category during the year", () => {
    const selector = countySeed.chain((seed) => {
      const categories = [...new Set(smallCounty(seed).dataset.entries.map((e) => e.content.category))];
      return fc.record({
        seed: fc.constant(seed),
        listType: fc.constantFrom<ListType>("BASIC", "COOPERATIVE"),
        category: fc.option(fc.constantFrom(...categories), { nil: null }),
        year: fc.constantFrom(2024, 2025, 2026),
      });
    });
    fc.assert(
      fc.property(selector, ({ seed, listType, category, year }) => {
        const county = smallCounty(seed);
        const track: TownshipTrack = listType === "BASIC" ? "CORE" : "COLLABORATIVE";
        const indicator: Indicator = {
          code: "S",
          parentCode: "F",
          name: "选择",
          subject: "TOWNSHIP",
          track,
          points: "10",
          method: { kind: "GRADED" },
          binding: { kind: "SELECTOR", listType, category },
        };
        const from = `${year}-01-01`;
        const to = `${year + 1}-01-01`;
        const matching = county.dataset.entries.filter(
          (e) =>
            e.terms.type === listType &&
            (category === null || e.content.category === category) &&
            e.effectiveFrom < to &&
            (e.effectiveTo === null || e.effectiveTo > from),
        );
        const result = validateAssessmentPlan(
          planFor(county.dataset.county.code, year, indicator),
          county.dataset,
        );
        expect(result.perIndicator[0]).toMatchObject({
          boundItems: sortedOf(matching.map((e) => e.itemCode)),
          townships: sortedOf(matching.map((e) => e.townshipCode)),
        });
        expect(result.issues.some((i) => i.code === "BOUND_TO_NOTHING")).toBe(matching.length === 0);
      }),
      { numRuns: 100 },
    );
  });
});
