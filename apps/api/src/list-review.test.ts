import { type Database, openDatabase, saveCountyPolicy } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// The list review through the API (L6, L7): a reclaimed item handed back down and reported as a
// push-down is flagged as 明减暗增 beside the pending adjustments, as known on a day (L2).

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_list_review"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db, { clock: () => new Date("2026-12-04T02:00:00Z") });
});
afterAll(async () => {
  await db?.close();
});

async function post<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

interface Review {
  listReview: {
    knownOn: string;
    pushDownsReviewed: number;
    unassigned: { townshipCode: string; entry: { itemCode: string }; missing: string[] }[];
    resemblances: { ruleId: string; proposalRef: string; itemCode: string; townshipCode: string }[];
  };
}

const REVIEW = `query ($knownOn: Date) {
  listReview(countyCode: "QX", asOf: "2025-12-31", knownOn: $knownOn) {
    knownOn pushDownsReviewed
    unassigned { townshipCode entry { itemCode } missing }
    resemblances { ruleId proposalRef itemCode townshipCode }
  }
}`;

const REPORT = `mutation {
  reportPushDowns(countyCode: "QX", reports: [
    { id: "PD-L6", departmentCode: "ZRZYJ", townshipCode: "QX-CG", date: "2025-09-03", matter: "非法占用土地行政处罚案件办理" }
  ]) { ... on MutationReportPushDownsSuccess { data { pushDowns } } }
}`;

describe("listReview (L6, L7)", () => {
  it("L7 and L6: unassigned items and the pending adjustment resembling a reclaimed item", async () => {
    const { listReview } = await post<Review>(REVIEW);
    expect(listReview.knownOn).toBe("2026-12-04");
    expect(
      listReview.unassigned.some((u) => u.townshipCode === "QX-CG" && u.entry.itemCode === "MS-002"),
    ).toBe(true);
    expect(listReview.resemblances.map((r) => [r.ruleId, r.itemCode])).toContainEqual(["L6", "CJ-002"]);
    expect(listReview.resemblances.some((r) => r.proposalRef.includes("PD-L6"))).toBe(false);
  });

  it("L6: a reported push-down of a reclaimed item is flagged, and only as known from the day it was recorded", async () => {
    const before = await post<Review>(REVIEW);
    const written = await post<{ reportPushDowns: { data: { pushDowns: number } } }>(REPORT);
    expect(written.reportPushDowns.data.pushDowns).toBe(1);
    const after = await post<Review>(REVIEW);
    expect(after.listReview.pushDownsReviewed).toBe(before.listReview.pushDownsReviewed + 1);
    expect(after.listReview.resemblances.filter((r) => r.proposalRef.includes("PD-L6"))).toEqual([
      {
        ruleId: "L6",
        proposalRef: "下派报告 PD-L6(ZRZYJ,2025-09-03)",
        itemCode: "ZR-002",
        townshipCode: "QX-CG",
      },
    ]);
    const earlier = await post<Review>(REVIEW, { knownOn: "2026-12-03" });
    expect(earlier.listReview.resemblances.some((r) => r.proposalRef.includes("PD-L6"))).toBe(false);
  });

  it("L6 at the county's resemblance threshold (policy): a county that flags only near-identical matters does not flag it", async () => {
    expect(
      (await saveCountyPolicy(db, "QX", { resemblanceThreshold: "0.95" }, testStamp("saveCountyPolicy"))).ok,
    ).toBe(true);
    try {
      const strict = await post<Review>(REVIEW);
      expect(strict.listReview.resemblances.some((r) => r.proposalRef.includes("PD-L6"))).toBe(false);
    } finally {
      await saveCountyPolicy(db, "QX", {}, testStamp("saveCountyPolicy"));
    }
    const lenient = await post<Review>(REVIEW);
    expect(lenient.listReview.resemblances.some((r) => r.proposalRef.includes("PD-L6"))).toBe(true);
  });
});
