import type { AssessmentPlan, CountyDataset, Indicator } from "@dutylist/core";
import { generateCounty, generateRecords } from "@dutylist/core/testing";
import {
  type Database,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
} from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-api.ts";

// The contract: a query for 50 townships with their scores and items issues a bounded number of
// SQL statements, the same whatever the number of townships.

let db: Database;
let api: TestApi;

const MEANS = { meanBasic: 20, meanCooperative: 15, meanReclaimed: 20 } as const;
const large = generateCounty({ seed: 9, townships: 50, ...MEANS });
const small = generateCounty({ seed: 10, townships: 10, ...MEANS });

/** A small plan: township indicators on basic and cooperative items, a department one on reclaimed items. */
function scalePlan(dataset: CountyDataset): AssessmentPlan {
  const township = (code: string, fields: Pick<Indicator, "track" | "points" | "method" | "binding">) => ({
    code,
    parentCode: code.slice(0, 3),
    name: `指标 ${code}`,
    subject: "TOWNSHIP" as const,
    ...fields,
  });
  return {
    id: `${dataset.county.code}-PLAN-2025`,
    countyCode: dataset.county.code,
    year: 2025,
    title: `${dataset.county.name}2025年度考核方案`,
    firstLevel: [
      { code: "T01", name: "基本履职", subject: "TOWNSHIP" },
      { code: "T02", name: "协同配合", subject: "TOWNSHIP" },
      { code: "D01", name: "收回事项承接", subject: "DEPARTMENT" },
    ],
    indicators: [
      township("T01-1", {
        track: "CORE",
        points: "40",
        method: { kind: "RATIO" },
        binding: { kind: "SELECTOR", listType: "BASIC", category: null },
      }),
      township("T01-2", {
        track: "CORE",
        points: "30",
        method: { kind: "PASS_FAIL" },
        binding: { kind: "SELECTOR", listType: "BASIC", category: null },
      }),
      township("T02-1", {
        track: "COLLABORATIVE",
        points: "30",
        method: { kind: "DEDUCTION", perEvent: "2" },
        binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: null },
      }),
      {
        code: "D01-1",
        parentCode: "D01",
        name: "收回事项承接到位",
        subject: "DEPARTMENT",
        track: null,
        points: "100",
        method: { kind: "RATIO" },
        binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
      },
    ],
  };
}

async function store(dataset: CountyDataset): Promise<void> {
  await saveCountyDataset(db, dataset, testStamp("saveCountyDataset"));
  const plan = scalePlan(dataset);
  const saved = await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"));
  if (!saved.ok) throw new Error(saved.errors[0].message);
  const records = await saveAssessmentRecords(
    db,
    dataset.county.code,
    generateRecords(plan, dataset, { seed: 1, perItem: 2 }),
    testStamp("saveAssessmentRecords"),
  );
  if (!records.ok) throw new Error(records.errors[0].message);
}

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_scale"));
  await resetDatabase(db);
  await store(large);
  await store(small);
  api = await createTestApi(db);
}, 300_000);
afterAll(async () => {
  await db?.close();
});

const QUERY = `query ($county: String!) {
  county(code: $county) {
    townships(first: 50) { totalCount edges { node { code name } } }
    items(first: 50) { edges { node { code basis { document } } } }
  }
  assessment(countyCode: $county, year: 2025) {
    __typename
    ... on DomainErrors { problems { code message } }
    ... on QueryAssessmentSuccess { data { townships {
      code core { score } collaborative { score } total rank
      breakdown { indicatorCode score items { itemCode } }
    } } }
  }
}`;

interface Answer {
  readonly county: {
    townships: { totalCount: number; edges: { node: { code: string; name: string } }[] };
    items: { edges: { node: { code: string; basis: { document: string }[] } }[] };
  };
  readonly assessment: {
    __typename: string;
    data: {
      townships: {
        code: string;
        total: string;
        rank: number;
        breakdown: { indicatorCode: string; score: string; items: { itemCode: string }[] }[];
      }[];
    };
  };
}

/** The answer to the query for a county, and the SQL statements it took. */
async function measured(dataset: CountyDataset): Promise<{ answer: Answer; statements: number }> {
  const before = db.statements.count;
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY, variables: { county: dataset.county.code } }),
  });
  const result = (await response.json()) as { data?: Answer; errors?: { message: string }[] };
  const statements = db.statements.count - before;
  expect(result.errors).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return { answer: result.data, statements };
}

describe("a county of 50 townships: scores, breakdowns and items in one request", () => {
  it("answers every township with its scores and judged items in a bounded number of statements, the same for 10 townships", async () => {
    const fifty = await measured(large);
    expect(fifty.answer.county.townships.totalCount).toBe(50);
    expect(fifty.answer.county.townships.edges.map((e) => e.node.code)).toEqual(
      large.townships.map((t) => t.code).sort(),
    );
    expect(fifty.answer.county.items.edges).toHaveLength(50);
    expect(fifty.answer.county.items.edges.every((e) => e.node.basis.length > 0)).toBe(true);
    expect(fifty.answer.assessment.__typename).toBe("QueryAssessmentSuccess");
    const townships = fifty.answer.assessment.data.townships;
    expect(townships).toHaveLength(50);
    expect(townships.map((t) => t.rank)).toContain(1);
    expect(
      townships.every((t) => t.breakdown.map((b) => b.indicatorCode).join() === "T01-1,T01-2,T02-1"),
    ).toBe(true);
    // The generated records are about items the indicators bind: every township has judged items.
    expect(townships.every((t) => t.breakdown.some((b) => b.items.length > 0))).toBe(true);
    // 20 today: the county with its counts and its two pages (3); the county's dataset (9); the
    // plan and its indicators (2); six kinds of records (6); and, the first time a year is asked,
    // its kept tallies computed in a transaction of their own (7 on PostgreSQL, where the
    // driver's statements of a transaction go through Prisma and are counted; none on PGlite).
    // Never one per township or item.
    expect(fifty.statements).toBeLessThanOrEqual(32);

    const ten = await measured(small);
    expect(ten.answer.county.townships.totalCount).toBe(10);
    expect(ten.answer.assessment.data.townships).toHaveLength(10);
    expect(ten.statements).toBe(fifty.statements);
  });
});
