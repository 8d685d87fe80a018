// The demo county as the BI tests read it (bi-views.test.ts, bi-wire-server.test.ts): its lists,
// its 2025 plan with a year of generated records (as `pnpm start` loads it), the demo's
// determinations, a work order with a correction and a whistle through its loop.
import {
  buildDirectory,
  buildListIndex,
  type Determination,
  determineResponsibility,
  dispatchByLists,
  dispatchDesk,
  isoDate,
  prepareDeterminations,
  recordedAsStated,
} from "@dutylist/core";
import { DEMO_CASES, demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { saveAssessmentPlan, saveAssessmentRecords } from "./assessment-repository.ts";
import { saveCountyDataset } from "./county-repository.ts";
import type { Database } from "./database.ts";
import { saveDetermination } from "./determination-repository.ts";
import { correctWorkOrder, saveWorkOrders } from "./hotline-repository.ts";
import { resetDatabase } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";
import { appendWhistleStep, raiseWhistle } from "./whistle-repository.ts";

/** What the fixture stored, for the tests to compare the views with. */
export interface BiDemo {
  readonly dataset: ReturnType<typeof demoCounty>;
  readonly plan: ReturnType<typeof demoAssessmentPlan>;
  readonly determinations: readonly Determination[];
}

function fail(what: string, result: { ok: boolean }): void {
  if (!result.ok) throw new Error(`BI demo fixture: ${what}: ${JSON.stringify(result)}`);
}

/**
 * Empties the database (the hotline's tables too) and stores the demo county for the BI tests.
 * @example const demo = await storeBiDemo(db)
 */
export async function storeBiDemo(db: Database): Promise<BiDemo> {
  await resetDatabase(db);
  await db.prisma.$executeRawUnsafe(
    "TRUNCATE work_order, work_order_correction, whistle_event, whistle_request, hotline_phrase, hotline_place",
  );
  const dataset = demoCounty();
  const plan = demoAssessmentPlan();
  await saveCountyDataset(db, dataset, testStamp("loadDemoCounty"));
  const records = recordedAsStated(generateRecords(plan, dataset, { seed: 2025 }));
  fail("records", await saveAssessmentRecords(db, "QX", records, testStamp("loadDemoRecords")));
  fail("plan", await saveAssessmentPlan(db, plan, testStamp("loadDemoPlan")));
  const context = prepareDeterminations(dataset);
  const determinations: Determination[] = [];
  for (const demoCase of DEMO_CASES) {
    const result = determineResponsibility(context, demoCase.failure);
    if (!result.ok) continue;
    if (await saveDetermination(db, "QX", result.value, testStamp("recordFailureCase")))
      determinations.push(result.value);
  }
  const index = buildListIndex(dataset.entries);
  const directory = buildDirectory(dataset);
  const desk = dispatchDesk(dataset.county);
  const on = isoDate("2026-04-12");
  const order = {
    countyCode: "QX",
    id: "WO-BI-1",
    townshipCode: "QX-BS",
    address: null,
    receivedOn: on,
    channel: "PHONE",
    text: "沙湾村河里全是塑料瓶",
    dispatch: dispatchByLists(index, directory, desk, "QX-BS", on, "CJ-006"),
    candidates: [{ itemCode: "CJ-006", score: 12.5 }],
  };
  fail("work order", await saveWorkOrders(db, "QX", [order], testStamp("receiveWorkOrder")));
  const right = dispatchByLists(index, directory, desk, "QX-BS", on, "SL-001");
  fail("correction", await correctWorkOrder(db, "QX", "WO-BI-1", right, "河道", testStamp("correct")));
  await storeWhistles(db);
  return { dataset, plan, determinations };
}

/** H2: one whistle closed, one answered before the loop existed (no steps), one reopened, one late. */
async function storeWhistles(db: Database): Promise<void> {
  const whistle = {
    id: "W-BI-1",
    countyCode: "QX",
    townshipCode: "QX-BS",
    departmentCode: "STHJ",
    itemCode: "HJ-001",
    raisedOn: isoDate("2026-06-01"),
    timeLimitDays: 3,
    answeredOn: null,
    matter: "老街饭馆油烟",
  };
  // One closed, one answered before the loop existed (no steps), one reopened, one late.
  const loops = [
    {
      id: "W-BI-1",
      answeredOn: null,
      steps: [
        ["REPORTED", "2026-06-03"],
        ["CLOSED", "2026-06-08"],
      ],
    },
    { id: "W-BI-2", answeredOn: isoDate("2026-06-02"), steps: [] },
    {
      id: "W-BI-3",
      answeredOn: null,
      steps: [
        ["REPORTED", "2026-06-02"],
        ["CLOSED", "2026-06-05"],
        ["REOPENED", "2026-06-06"],
      ],
    },
    { id: "W-BI-4", answeredOn: null, steps: [["REPORTED", "2026-06-09"]] },
  ] as const;
  for (const loop of loops) {
    fail("whistle", await raiseWhistle(db, "QX", { ...whistle, id: loop.id }, testStamp("raiseWhistle")));
    // A whistle imported with its answer date, as records were before the loop existed.
    if (loop.answeredOn !== null)
      await db.prisma.whistleRequest.update({
        where: { countyId_id: { countyId: "QX", id: loop.id } },
        data: { answeredOn: new Date(`${loop.answeredOn}T00:00:00Z`) },
      });
    for (const [step, day] of loop.steps) {
      const taken = { step, on: isoDate(day), note: null };
      fail(step, await appendWhistleStep(db, "QX", loop.id, taken, testStamp("whistleStep")));
    }
  }
}
