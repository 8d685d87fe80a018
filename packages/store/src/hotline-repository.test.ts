import { buildDirectory, buildListIndex, dispatchByLists, dispatchDesk, isoDate } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appendWhistleStep,
  correctWorkOrder,
  type Database,
  loadAssessmentRecords,
  loadHotlineData,
  loadWhistleLoop,
  loadWorkOrder,
  openDatabase,
  raiseWhistle,
  saveCountyDataset,
  saveHotlineData,
  saveWorkOrders,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

const dataset = demoCounty();
const index = buildListIndex(dataset.entries);
const directory = buildDirectory(dataset);
const desk = dispatchDesk(dataset.county);
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
  await saveCountyDataset(db, dataset, testStamp("saveCountyDataset"));
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const order = (id: string, itemCode: string) => ({
  countyCode: "QX",
  id,
  townshipCode: "QX-BS",
  address: null,
  receivedOn: isoDate("2026-04-12"),
  channel: "PHONE",
  text: "沙湾村河里全是塑料瓶，臭得不行",
  dispatch: dispatchByLists(index, directory, desk, "QX-BS", isoDate("2026-04-12"), itemCode),
  candidates: [{ itemCode, score: 12.5 }],
});

describe("H1: work orders stored with the machine's dispatch, corrections beside it", () => {
  it("H1: a correction is stored beside the machine's choice and teaches later matching", async () => {
    expect(await saveWorkOrders(db, "QX", [order("WO-1", "CJ-006")], testStamp("receiveWorkOrder"))).toEqual({
      ok: true,
      value: 1,
    });
    const right = dispatchByLists(index, directory, desk, "QX-BS", isoDate("2026-04-12"), "SL-001");
    expect((await correctWorkOrder(db, "QX", "WO-1", right, "河道而非垃圾点", testStamp("correct"))).ok).toBe(
      true,
    );
    const stored = await loadWorkOrder(db, "QX", "WO-1");
    expect(stored?.dispatch.itemCode).toBe("CJ-006");
    expect(stored?.corrected?.itemCode).toBe("SL-001");
    const { phrases } = await loadHotlineData(db, "QX");
    expect(phrases.at(-1)).toEqual({
      countyCode: "QX",
      itemCode: "SL-001",
      phrase: "沙湾村河里全是塑料瓶，臭得不行",
      source: "CORRECTION",
    });
  });

  it("H1: a batch with an id already stored writes nothing; a correction of no order is refused", async () => {
    const again = await saveWorkOrders(
      db,
      "QX",
      [order("WO-2", "SL-001"), order("WO-1", "SL-001")],
      testStamp("import"),
    );
    expect(again.ok).toBe(false);
    expect(await loadWorkOrder(db, "QX", "WO-2")).toBeNull();
    const none = await correctWorkOrder(
      db,
      "QX",
      "WO-404",
      order("x", "SL-001").dispatch,
      null,
      testStamp("correct"),
    );
    expect(none).toMatchObject({ ok: false, errors: [{ _tag: "STORE_NOT_FOUND" }] });
  });

  it("H1: vocabulary and places are appended; a place already named is kept", async () => {
    const saved = await saveHotlineData(
      db,
      "QX",
      {
        phrases: [{ countyCode: "QX", itemCode: "SL-002", phrase: "挖沙船", source: "VOCABULARY" }],
        places: [
          { countyCode: "QX", name: "沙湾村", townshipCode: "QX-BS" },
          { countyCode: "QX", name: "沙湾村", townshipCode: "QX-TY" },
        ],
      },
      testStamp("hotline"),
    );
    expect(saved).toEqual({ ok: true, value: { phrases: 1, places: 1 } });
    expect((await loadHotlineData(db, "QX")).places).toEqual([
      { countyCode: "QX", name: "沙湾村", townshipCode: "QX-BS" },
    ]);
  });
});

describe("H2: the whistle loop stored step by step", () => {
  const w = {
    id: "W-LOOP",
    countyCode: "QX",
    townshipCode: "QX-BS",
    departmentCode: "STHJ",
    itemCode: "HJ-001",
    raisedOn: isoDate("2026-06-01"),
    timeLimitDays: 3,
    answeredOn: null,
    matter: "老街饭馆油烟",
  };

  it("H2: steps in order are appended; one out of order is refused and writes nothing", async () => {
    expect((await raiseWhistle(db, "QX", w, testStamp("raiseWhistle"))).ok).toBe(true);
    const early = await appendWhistleStep(
      db,
      "QX",
      "W-LOOP",
      { step: "CLOSED", on: isoDate("2026-06-02"), note: null },
      testStamp("closeWhistle"),
    );
    expect(early).toMatchObject({ ok: false, errors: [{ code: "WRONG_STATUS", ruleId: "H2" }] });
    for (const [step, on] of [
      ["REPORTED", "2026-06-03"],
      ["CLOSED", "2026-06-08"],
      ["CONFIRMED", "2026-06-09"],
    ] as const) {
      const done = await appendWhistleStep(
        db,
        "QX",
        "W-LOOP",
        { step, on: isoDate(on), note: null },
        testStamp(step),
      );
      expect(done.ok).toBe(true);
    }
    const loop = await loadWhistleLoop(db, "QX", isoDate("2026-01-01"), isoDate("2027-01-01"));
    expect(loop.whistles.map((x) => [x.id, x.matter])).toEqual([["W-LOOP", "老街饭馆油烟"]]);
    expect(loop.events.map((e) => [e.seq, e.step])).toEqual([
      [1, "REPORTED"],
      [2, "CLOSED"],
      [3, "CONFIRMED"],
    ]);
  });

  it("H2/S5: the assessment's whistle is answered by the loop's first report, known from the day it was entered", async () => {
    const records = await loadAssessmentRecords(db, "QX", 2026);
    const found = records.whistles.find((x) => x.id === "W-LOOP");
    expect(found?.answeredOn).toBe("2026-06-03");
    expect(found?.answerRecordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
