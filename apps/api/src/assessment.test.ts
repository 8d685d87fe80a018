import {
  type AssessmentPlan,
  assess,
  type ExactFigure,
  type FailureCase,
  isoDate,
  roundForPresentation,
  whatIf,
} from "@dutylist/core";
import {
  demoAssessmentPlan,
  demoCounty,
  demoPreviousPlanCounts,
  generateRecords,
} from "@dutylist/core/testing";
import { type Database, loadAssessmentRecords, openDatabase, saveAssessmentPlan } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RECORDS_SEED, ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: DEMO_RECORDS_SEED });
const report = assess(plan, dataset, records);
const townshipIndicators = plan.indicators.filter((i) => i.subject === "TOWNSHIP").length;
const departmentIndicators = plan.indicators.filter((i) => i.subject === "DEPARTMENT").length;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_assessment"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

type Json = Record<string, unknown>;

async function post(query: string, variables: Json = {}) {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

/** The `data` of a field's success member; fails the test on errors or a DomainErrors member. */
async function success<T>(field: string, query: string, variables: Json = {}): Promise<T> {
  const result = await post(query, variables);
  expect(result.errors).toBeUndefined();
  const value = result.data?.[field] as { __typename: string; data?: T; problems?: unknown };
  expect(value.problems).toBeUndefined();
  return value.data as T;
}

const PROBLEMS = "... on DomainErrors { problems { code id field message } }";

describe("the demo data", () => {
  it("stores the demo plan and its year of records once: a second start duplicates nothing", async () => {
    const before = await loadAssessmentRecords(db, "QX", 2025);
    expect(before.performance).toHaveLength(records.performance.length);
    expect(await ensureDemoCounty(db)).toBe(false);
    const after = await loadAssessmentRecords(db, "QX", 2025);
    expect(after.performance).toHaveLength(before.performance.length);
    expect(after.ratings).toHaveLength(records.ratings.length);
  });
});

describe("assessment", () => {
  const query = `query ($county: String!, $year: Int!) { assessment(countyCode: $county, year: $year) {
    __typename ${PROBLEMS}
    ... on QueryAssessmentSuccess { data {
      countyCode year planId excludedCount
      townships { code name total totalExact totalRounded rank grade gradeReason summary
        core { score scoreExact scoreRounded planPoints } collaborative { score planPoints }
        breakdown { indicatorCode indicatorName firstLevelCode firstLevelName track method points score working applicable recordCount excludedCount
          items { itemCode itemName listType entryId effectiveFrom effectiveTo basis { document article } recordCount } }
        excluded { recordId indicatorCode reason reasonName ruleId message } }
      departments { code name total totalExact rank grade summary breakdown { indicatorCode score scoreExact applicable recordCount } }
    } } } }`;

  type Township = {
    code: string;
    name: string;
    total: string;
    totalExact: string;
    totalRounded: string;
    rank: number;
    grade: string;
    gradeReason: string;
    summary: string;
    core: { score: string; scoreExact: string; scoreRounded: string; planPoints: string };
    collaborative: { score: string; planPoints: string };
    breakdown: {
      indicatorCode: string;
      firstLevelName: string;
      track: string;
      score: string;
      recordCount: number;
      excludedCount: number;
      items: {
        itemCode: string;
        listType: string;
        entryId: string;
        effectiveFrom: string;
        effectiveTo: string | null;
        basis: { document: string }[];
      }[];
    }[];
    excluded: {
      recordId: string;
      indicatorCode: string;
      reason: string;
      reasonName: string;
      ruleId: string;
    }[];
  };
  type Department = {
    code: string;
    total: string;
    totalExact: string;
    rank: number;
    grade: string;
    breakdown: { score: string; scoreExact: string }[];
  };

  it("S2–S9: scores, ranks and grades 5 townships exactly as the core does on the same plan and records (S8: presented once, exact beside)", async () => {
    const data = await success<{ excludedCount: number; townships: Township[]; departments: Department[] }>(
      "assessment",
      query,
      { county: "QX", year: 2025 },
    );
    expect(data.townships).toHaveLength(5);
    expect(data.townships.map((t) => t.rank).sort()).toEqual(report.townships.map((t) => t.rank).sort());
    expect(Math.min(...data.townships.map((t) => t.rank))).toBe(1);
    expect(Math.max(...data.townships.map((t) => t.rank))).toBeLessThanOrEqual(5);
    expect(data.townships.map((t) => [t.code, t.total, t.totalExact, t.rank, t.grade, t.summary])).toEqual(
      report.townships.map((t) => [
        t.assessment.townshipCode,
        roundForPresentation(t.assessment.total),
        t.assessment.total.toString(),
        t.rank,
        t.grade,
        t.summary,
      ]),
    );
    for (const t of data.townships) {
      expect(t.gradeReason).toContain(t.grade);
      // S8: the figure is rounded once, to the county's 2 places; the deprecated field says the same.
      expect(t.total).toMatch(/^\d+\.\d{2}$/);
      expect(t.totalRounded).toBe(t.total);
      expect(t.core.planPoints).toBe("70");
      expect(t.collaborative.planPoints).toBe("30");
      expect(t.breakdown).toHaveLength(townshipIndicators);
    }
    expect(data.excludedCount).toBe(report.scored.excluded.length);
    expect(data.departments.map((d) => [d.code, d.total, d.totalExact, d.rank, d.grade])).toEqual(
      report.departments.map((d) => [
        d.assessment.departmentCode,
        roundForPresentation(d.assessment.total),
        d.assessment.total.toString(),
        d.rank,
        d.grade,
      ]),
    );
    expect(data.departments[0]?.breakdown).toHaveLength(departmentIndicators);
    const indicators = data.departments.flatMap((d) => d.breakdown);
    expect(indicators.every((b) => /^\d+\.\d{2}$/.test(b.score))).toBe(true);
    expect(indicators.map((b) => b.score)).toEqual(
      report.departments.flatMap((d) => d.assessment.indicators.map((r) => roundForPresentation(r.score))),
    );
    expect(indicators.map((b) => b.scoreExact)).toEqual(
      report.departments.flatMap((d) => d.assessment.indicators.map((r) => r.score.toString())),
    );
  });

  it("S7/S9: explains 城关镇's 占道经营管理 down to the entry in force and its basis, and names the excluded records", async () => {
    const data = await success<{ townships: Township[] }>("assessment", query, { county: "QX", year: 2025 });
    const cg = data.townships.find((t) => t.code === "QX-CG");
    const t042 = cg?.breakdown.find((b) => b.indicatorCode === "T04-2");
    expect(t042?.firstLevelName).toBe("城乡建设和自然资源");
    expect(t042?.track).toBe("CORE");
    // CJ-001 was a basic item of 城关镇 until it was reclaimed on 2025-07-01: only the records before count.
    expect(t042?.items.map((i) => [i.itemCode, i.listType, i.effectiveTo])).toEqual([
      ["CJ-001", "BASIC", "2025-07-01"],
    ]);
    expect(t042?.items[0]?.basis.length).toBeGreaterThan(0);
    const reclaimed = cg?.excluded.filter((e) => e.reason === "RECLAIMED_BY_THEN") ?? [];
    expect(reclaimed.length).toBeGreaterThan(0);
    expect(reclaimed.every((e) => e.reasonName === "已收回事项" && e.ruleId === "S7")).toBe(true);
    expect(t042?.excludedCount).toBe(reclaimed.filter((e) => e.indicatorCode === "T04-2").length);
    const core = report.townships.find((t) => t.assessment.townshipCode === "QX-CG")?.assessment.core.score;
    expect(cg?.core.score).toBe(core === undefined ? null : roundForPresentation(core));
    expect(cg?.core.scoreRounded).toBe(cg?.core.score);
    expect(cg?.core.scoreExact).toBe(core?.toString());
  });

  it("loads in a bounded number of SQL statements, once per request whatever the fields that need it", async () => {
    let before = db.statements.count;
    await success("assessment", query, { county: "QX", year: 2025 });
    const alone = db.statements.count - before;
    // The county's lists, the plan and its indicators, six kinds of records: never one per record.
    expect(alone).toBeLessThanOrEqual(20);
    before = db.statements.count;
    const result = await post(`{
      a: assessment(countyCode: "QX", year: 2025) { __typename }
      b: validateAssessmentPlan(countyCode: "QX", year: 2025) { __typename }
      c: townshipScoreFacts(countyCode: "QX", year: 2025, first: 5) { __typename }
      d: departmentScoreFacts(countyCode: "QX", year: 2025, first: 5) { __typename } }`);
    expect(result.errors).toBeUndefined();
    expect(
      Object.values(result.data ?? {}).map((v) => (v as { __typename: string }).__typename),
    ).not.toContain("DomainErrors");
    expect(db.statements.count - before).toBe(alone);
  });

  it("answers NOT_FOUND for an unknown county and for a year without a plan", async () => {
    const q = `query ($county: String!, $year: Int!) { assessment(countyCode: $county, year: $year) { __typename ${PROBLEMS} } }`;
    expect((await post(q, { county: "NOPE", year: 2025 })).data?.assessment).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "NOT_FOUND", id: "NOPE" }],
    });
    const noPlan = (await post(q, { county: "QX", year: 2030 })).data?.assessment as {
      problems: { code: string; id: string; message: string }[];
    };
    expect(noPlan.problems).toEqual([
      {
        code: "NOT_FOUND",
        id: "QX/2030",
        field: null,
        message: expect.stringContaining("2030 年度考核方案"),
      },
    ]);
  });
});

describe("validateAssessmentPlan", () => {
  it("S1/S7: the demo plan is valid, with a PARTLY_RECLAIMED warning naming the item and townships", async () => {
    const data = await success<{ valid: boolean; issues: unknown[]; perIndicator: unknown[] }>(
      "validateAssessmentPlan",
      `{ validateAssessmentPlan(countyCode: "QX", year: 2025) { ${PROBLEMS} ... on QueryValidateAssessmentPlanSuccess { data {
        valid issues { code severity title ruleId indicatorCode itemCodes townshipCodes message } perIndicator { indicatorCode } } } } }`,
    );
    expect(data.valid).toBe(true);
    expect(data.issues).toEqual([
      {
        code: "PARTLY_RECLAIMED",
        severity: "WARNING",
        title: "事项年度内部分时间或部分乡镇已收回",
        ruleId: "S1",
        indicatorCode: "T04-2",
        itemCodes: ["CJ-001"],
        townshipCodes: ["QX-CG", "QX-QX"],
        message: expect.stringContaining("CJ-001"),
      },
    ]);
    expect(data.perIndicator).toHaveLength(plan.indicators.length);
  });
});

/** A plan with the given numbers of first- and second-level indicators (for S10 only). */
function planWithCounts(year: number, firstLevel: number, secondLevel: number): AssessmentPlan {
  const heading = (n: number) => `F${String((n % firstLevel) + 1).padStart(2, "0")}`;
  return {
    id: `QX-PLAN-${year}`,
    countyCode: "QX",
    year,
    title: `青溪县${year}年度考核方案`,
    firstLevel: Array.from({ length: firstLevel }, (_, n) => ({
      code: heading(n),
      name: `一级指标${n + 1}`,
      subject: "TOWNSHIP" as const,
    })),
    indicators: Array.from({ length: secondLevel }, (_, n) => ({
      code: `${heading(n)}-${n + 1}`,
      parentCode: heading(n),
      name: `二级指标${n + 1}`,
      subject: "TOWNSHIP" as const,
      track: "CORE" as const,
      points: "1",
      method: { kind: "RATIO" as const },
      binding: { kind: "ITEMS" as const, itemCodes: ["MS-001"] },
    })),
  };
}

describe("indicatorCompression (S10)", () => {
  const query = `query ($county: String!, $year: Int!, $first: Int, $second: Int) {
    indicatorCompression(countyCode: $county, year: $year, previousFirstLevel: $first, previousSecondLevel: $second) {
      __typename ${PROBLEMS}
      ... on QueryIndicatorCompressionSuccess { data { basis previousPlanId
        firstLevel { level previous current removed rate ratePercent } secondLevel { level previous current removed rate ratePercent } } } } }`;
  type Compression = {
    basis: string;
    previousPlanId: string | null;
    firstLevel: Json;
    secondLevel: Json;
  };

  it("reproduces the demo's 20.00 % and 73.44 % from the 2024 counts", async () => {
    const data = await success<Compression>("indicatorCompression", query, {
      county: "QX",
      year: 2025,
      first: demoPreviousPlanCounts.firstLevel,
      second: demoPreviousPlanCounts.secondLevel,
    });
    expect(data.basis).toBe("GIVEN_COUNTS");
    expect(data.firstLevel).toEqual({
      level: 1,
      previous: 10,
      current: 8,
      removed: 2,
      rate: "0.2",
      ratePercent: "20.00",
    });
    expect(data.secondLevel).toEqual({
      level: 2,
      previous: 64,
      current: 17,
      removed: 47,
      rate: "0.734375",
      ratePercent: "73.44",
    });
  });

  it("refuses half the counts, and asks for them when no previous plan is stored", async () => {
    const half = (await post(query, { county: "QX", year: 2025, first: 10 })).data?.indicatorCompression;
    expect(half).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "INVALID_FIELD", field: "previousSecondLevel" }],
    });
    const none = (await post(query, { county: "QX", year: 2025 })).data?.indicatorCompression;
    expect(none).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "NOT_FOUND", id: "QX/2024" }],
    });
  });

  it("compares with the previous year's stored plan, and reproduces Qingshan's 12.00 % and 78.53 %", async () => {
    const stored = await saveAssessmentPlan(
      db,
      planWithCounts(2024, 10, 64),
      testStamp("saveAssessmentPlan"),
    );
    expect(stored.ok).toBe(true);
    const previous = await success<Compression>("indicatorCompression", query, { county: "QX", year: 2025 });
    expect(previous).toMatchObject({
      basis: "PREVIOUS_PLAN",
      previousPlanId: "QX-PLAN-2024",
      firstLevel: { previous: 10, current: 8, ratePercent: "20.00" },
      secondLevel: { previous: 64, current: 17, ratePercent: "73.44" },
    });
    // Qingshan (000): 25 → 22 first-level, 177 → 38 second-level indicators.
    expect(
      (await saveAssessmentPlan(db, planWithCounts(2026, 22, 38), testStamp("saveAssessmentPlan"))).ok,
    ).toBe(true);
    const qingshan = await success<Compression>("indicatorCompression", query, {
      county: "QX",
      year: 2026,
      first: 25,
      second: 177,
    });
    expect(qingshan.basis).toBe("GIVEN_COUNTS");
    expect(qingshan.firstLevel).toMatchObject({
      previous: 25,
      current: 22,
      removed: 3,
      rate: "0.12",
      ratePercent: "12.00",
    });
    expect(qingshan.secondLevel).toMatchObject({
      previous: 177,
      current: 38,
      removed: 139,
      ratePercent: "78.53",
    });
  });
});

describe("whatIf", () => {
  const reclaimLy001 = {
    description: "白沙镇森林防火配合事项自7月1日起收回县林业局",
    effectiveFrom: "2025-07-01",
    changes: [
      {
        kind: "RECLASSIFY",
        townshipCode: "QX-BS",
        itemCode: "LY-001",
        listType: "RECLAIMED",
        receivingDepartment: "LYJ",
        wayOfWorking: "发现火情及时报告",
      },
    ],
  };
  const query = `query ($scenario: WhatIfScenarioInput!) { whatIf(countyCode: "QX", year: 2025, scenario: $scenario) {
    __typename ${PROBLEMS}
    ... on QueryWhatIfSuccess { data { description effectiveFrom
      route { kind requiredApprovals reason }
      townships { townshipCode townshipName changed core { before after delta } collaborative { before after delta beforeExact afterExact deltaExact deltaRounded } total { before after delta } }
      departments { departmentCode departmentName before after delta deltaExact changed }
      changedDeterminations { townshipCode date itemCode
        before { listType parties { party { code } role ruleIds citations { itemCode listType effectiveFrom effectiveTo } } }
        after { listType parties { party { code } role ruleIds citations { itemCode listType effectiveFrom effectiveTo } } } } } } } }`;
  type Change = {
    before: string;
    after: string;
    delta: string;
    beforeExact?: string;
    afterExact?: string;
    deltaExact?: string;
    deltaRounded?: string;
  };
  type Party = { party: { code: string }; role: string; ruleIds: string[]; citations: Json[] };
  type Outcome = {
    route: { kind: string; requiredApprovals: string[]; reason: string };
    townships: {
      townshipCode: string;
      changed: boolean;
      core: Change;
      collaborative: Change;
      total: Change;
    }[];
    departments: {
      departmentCode: string;
      before: string;
      after: string;
      delta: string;
      deltaExact: string;
    }[];
    changedDeterminations: {
      townshipCode: string;
      date: string;
      itemCode: string;
      before: { listType: string; parties: Party[] };
      after: { listType: string; parties: Party[] };
    }[];
  };

  it("L4/S3/A3/A9: reclaiming 白沙镇's LY-001 to 林业局 from 1 July is dynamic, moves its collaborative score and re-determines a stored case", async () => {
    const recorded = await post(
      `mutation { recordFailureCase(countyCode: "QX", input: { townshipCode: "QX-BS", date: "2025-08-10", itemCode: "LY-001", findings: { townshipAtFault: true, withinCooperationContent: true } }) { __typename } }`,
    );
    expect(recorded.data?.recordFailureCase).toEqual({ __typename: "MutationRecordFailureCaseSuccess" });
    const failure: FailureCase = {
      townshipCode: "QX-BS",
      date: isoDate("2025-08-10"),
      subject: { kind: "ITEM", itemCode: "LY-001" },
      findings: { townshipAtFault: true, withinCooperationContent: true },
    };
    const expected = whatIf(
      plan,
      dataset,
      records,
      {
        description: reclaimLy001.description,
        effectiveFrom: isoDate("2025-07-01"),
        changes: [
          {
            kind: "RECLASSIFY",
            townshipCode: "QX-BS",
            itemCode: "LY-001",
            terms: { type: "RECLAIMED", receivingDepartment: "LYJ", wayOfWorking: "发现火情及时报告" },
          },
        ],
      },
      [failure],
    );
    if (!expected.ok) throw new Error("the core refused the scenario");

    const data = await success<Outcome>("whatIf", query, { scenario: reclaimLy001 });
    expect(data.route.kind).toBe("DYNAMIC");
    expect(data.route.requiredApprovals).toEqual(["COUNTY"]);
    expect(data.route.reason).toContain("L4");
    const bs = data.townships.find((t) => t.townshipCode === "QX-BS");
    const core = expected.value.townships.find((t) => t.townshipCode === "QX-BS");
    expect(bs?.changed).toBe(true);
    expect(bs?.collaborative.delta).not.toBe("0.00");
    // S8: presented once by the county's rounding, the exact figures beside.
    const shown = (value: ExactFigure | undefined) =>
      value === undefined ? null : roundForPresentation(value);
    expect(bs?.collaborative).toEqual({
      before: shown(core?.collaborative.before),
      after: shown(core?.collaborative.after),
      delta: shown(core?.collaborative.delta),
      beforeExact: core?.collaborative.before.toString(),
      afterExact: core?.collaborative.after.toString(),
      deltaExact: core?.collaborative.delta.toString(),
      deltaRounded: shown(core?.collaborative.delta),
    });
    expect(bs?.core.delta).toBe("0.00");
    expect(data.townships.filter((t) => t.changed).map((t) => t.townshipCode)).toEqual(["QX-BS"]);
    expect(data.departments.map((d) => [d.departmentCode, d.delta, d.deltaExact])).toEqual(
      expected.value.departments.map((d) => [d.code, roundForPresentation(d.delta), d.delta.toString()]),
    );

    expect(data.changedDeterminations).toHaveLength(1);
    const changed = data.changedDeterminations[0];
    expect([changed?.townshipCode, changed?.date, changed?.itemCode]).toEqual([
      "QX-BS",
      "2025-08-10",
      "LY-001",
    ]);
    expect(changed?.before.listType).toBe("COOPERATIVE");
    expect(changed?.after.listType).toBe("RECLAIMED");
    const roles = (parties: Party[] | undefined) => parties?.map((p) => [p.party.code, p.role, p.ruleIds]);
    expect(roles(changed?.before.parties)).toEqual([
      ["QX-BS", "SECONDARY", ["A2"]],
      ["LYJ", "PRIMARY", ["A2"]],
    ]);
    expect(roles(changed?.after.parties)).toEqual(
      expected.value.changedDeterminations[0]?.after.parties.map((p) => [
        p.party.code,
        p.role,
        [...p.ruleIds],
      ]),
    );
    expect(changed?.after.parties.find((p) => p.party.code === "QX-BS")?.role).toBe("NONE");
    // The hypothetical entry, opened on the effective date, is the one cited.
    expect(changed?.after.parties[0]?.citations[0]).toMatchObject({
      itemCode: "LY-001",
      listType: "RECLAIMED",
      effectiveFrom: "2025-07-01",
    });
  });

  it("names the input at fault, and passes the core's refusals on as domain errors", async () => {
    const noType = (
      await post(query, {
        scenario: { ...reclaimLy001, changes: [{ kind: "ADD", townshipCode: "QX-BS", itemCode: "LY-001" }] },
      })
    ).data?.whatIf;
    expect(noType).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "INVALID_FIELD", field: "scenario.changes[0].listType" }],
    });
    const unknown = (
      await post(query, {
        scenario: { ...reclaimLy001, changes: [{ ...reclaimLy001.changes[0], townshipCode: "QX-XX" }] },
      })
    ).data?.whatIf;
    expect(unknown).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "NOT_FOUND", id: "QX-XX" }],
    });
  });
});

describe("BI fact connections", () => {
  const query = `query ($first: Int, $after: String, $township: String) {
    townshipScoreFacts(countyCode: "QX", year: 2025, first: $first, after: $after, townshipCode: $township) {
      ${PROBLEMS}
      ... on QueryTownshipScoreFactsSuccess { data { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { year townshipCode townshipName indicatorCode indicatorName firstLevelCode track points score scoreExact applicable recordCount excludedCount } } } } } }`;
  type Fact = {
    year: number;
    townshipCode: string;
    indicatorCode: string;
    score: string;
    scoreExact: string;
    recordCount: number;
    excludedCount: number;
  };
  type Page = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { cursor: string; node: Fact }[];
  };

  it("pages township × indicator facts by 10 with a total count, no row repeated or missed", async () => {
    const rows: Fact[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: Page = await success<Page>("townshipScoreFacts", query, { first: 10, after });
      expect(data.totalCount).toBe(5 * townshipIndicators);
      expect(data.edges.length).toBeLessThanOrEqual(10);
      rows.push(...data.edges.map((e) => e.node));
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(rows).toHaveLength(5 * townshipIndicators);
    expect(new Set(rows.map((r) => `${r.townshipCode}/${r.indicatorCode}`)).size).toBe(rows.length);
    // Each row is the core's figure for its township and indicator.
    for (const row of rows) {
      const t = report.scored.townships.find((s) => s.townshipCode === row.townshipCode);
      const result = t?.indicators.find((r) => r.indicator.code === row.indicatorCode);
      expect(row.year).toBe(2025);
      expect(row.score).toBe(result === undefined ? null : roundForPresentation(result.score));
      expect(row.scoreExact).toBe(result?.score.toString());
      expect(row.recordCount).toBe(result?.records.length);
      expect(row.excludedCount).toBe(
        t?.excluded.filter((e) => e.record.indicatorCode === row.indicatorCode).length,
      );
    }
  });

  it("filters by township, and gives department × indicator facts", async () => {
    const bs = await success<Page>("townshipScoreFacts", query, { first: 100, township: "QX-BS" });
    expect(bs.totalCount).toBe(townshipIndicators);
    expect(new Set(bs.edges.map((e) => e.node.townshipCode))).toEqual(new Set(["QX-BS"]));
    const departments = await success<{ totalCount: number; edges: { node: { departmentCode: string } }[] }>(
      "departmentScoreFacts",
      `{ departmentScoreFacts(countyCode: "QX", year: 2025, first: 1000) { ... on QueryDepartmentScoreFactsSuccess { data { totalCount edges { node { departmentCode indicatorCode score } } } } } }`,
    );
    expect(departments.totalCount).toBe(dataset.departments.length * departmentIndicators);
    expect(departments.edges).toHaveLength(departments.totalCount);
  });
});
