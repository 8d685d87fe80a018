import {
  assess,
  DEFAULT_COUNTY_POLICY,
  determineResponsibility,
  type FailureCase,
  isoDate,
  prepareDeterminations,
} from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { type Database, openDatabase, saveCountyPolicy, saveDetermination } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RECORDS_SEED, ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_policy"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

async function post(query: string) {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

type Department = { code: string; total: string; excludedExecution: { id: string; reason: string }[] };

async function departments(): Promise<Department[]> {
  const result = await post(`{ assessment(countyCode: "QX", year: 2025) { __typename
    ... on QueryAssessmentSuccess { data { departments { code total: totalExact excludedExecution { id reason } } } } } }`);
  expect(result.errors).toBeUndefined();
  const value = result.data?.assessment as { data: { departments: Department[] } };
  return value.data.departments;
}

describe("County.policy (政策设定,非规则)", () => {
  it("Policy: a county that set nothing shows the defaults, each setting labelled", async () => {
    const result = await post(
      `{ county(code: "QX") { policy { notApplicable quotaTies resemblanceThreshold roundingPlaces roundingMode settings { key name value } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const county = result.data?.county as { policy: Record<string, unknown> } | undefined;
    const policy = county?.policy ?? {};
    expect(policy).toMatchObject({
      notApplicable: "PRORATE",
      quotaTies: "NONE",
      resemblanceThreshold: "0.6",
      roundingPlaces: 2,
      roundingMode: "HALF_UP",
    });
    expect((policy.settings as { key: string }[]).map((s) => s.key)).toEqual([
      "notApplicable",
      "townshipGrading",
      "departmentGrading",
      "quotaTies",
      "resemblanceThreshold",
      "rounding",
    ]);
  });

  it("Policy: a stored setting is shown and the assessment follows it", async () => {
    expect(
      (await saveCountyPolicy(db, "QX", { notApplicable: "EXCLUDE" }, testStamp("saveCountyPolicy"))).ok,
    ).toBe(true);
    const result = await post(`{ county(code: "QX") { policy { notApplicable } } }`);
    expect(result.data?.county).toEqual({ policy: { notApplicable: "EXCLUDE" } });
    const plan = demoAssessmentPlan();
    const dataset = demoCounty();
    const expected = assess(plan, dataset, generateRecords(plan, dataset, { seed: DEMO_RECORDS_SEED }), {
      policy: { ...DEFAULT_COUNTY_POLICY, notApplicable: "EXCLUDE" },
    });
    const shown = await departments();
    expect(shown.map((d) => [d.code, d.total])).toEqual(
      expected.departments.map((d) => [d.assessment.departmentCode, d.assessment.total.toString()]),
    );
    await saveCountyPolicy(db, "QX", {}, testStamp("saveCountyPolicy"));
  });
});

describe("S5: stored determinations feed the departments' list execution", () => {
  it("S5/A4: a push-down found by a stored determination is deducted from the department without re-entry", async () => {
    const before = await departments();
    const failure: FailureCase = {
      townshipCode: "QX-TY",
      date: isoDate("2025-09-12"),
      subject: { kind: "MATTER", description: "建筑工地扬尘污染执法检查" },
      findings: { pushedDownBy: "ZJJ", townshipAtFault: true },
    };
    const determined = determineResponsibility(prepareDeterminations(demoCounty()), failure);
    if (!determined.ok) throw new Error("determination");
    expect(determined.value.violations.map((v) => v.departmentCode)).toEqual(["ZJJ"]);
    await saveDetermination(db, "QX", determined.value, testStamp("saveDetermination"));
    const after = await departments();
    const zjj = (rows: Department[]) => rows.find((d) => d.code === "ZJJ")?.total ?? "";
    expect(Number(zjj(after))).toBeLessThan(Number(zjj(before)));
    // Other departments are unchanged.
    expect(after.filter((d) => d.code !== "ZJJ")).toEqual(before.filter((d) => d.code !== "ZJJ"));
  });
});
