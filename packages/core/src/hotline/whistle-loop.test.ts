import { describe, expect, it } from "vitest";
import type { WhistleRequest } from "../assessment/performance-record.ts";
import { isoDate } from "../base/calendar-date.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { demoCounty } from "../testing/demo-county.ts";
import { judgeWhistles, whistleFigures } from "./whistle-figures.ts";
import { checkWhistleStep, type WhistleEvent, type WhistleStep, whistleProgress } from "./whistle-loop.ts";

const whistle = (fields: Partial<WhistleRequest> = {}): WhistleRequest => ({
  id: "W-1",
  countyCode: "QX",
  townshipCode: "QX-BS",
  departmentCode: "STHJ",
  itemCode: "HJ-001",
  raisedOn: isoDate("2026-06-01"),
  timeLimitDays: 3,
  answeredOn: null,
  ...fields,
});

function steps(id: string, ...taken: [WhistleStep, string][]): WhistleEvent[] {
  return taken.map(([step, on], i) => ({
    whistleId: id,
    countyCode: "QX",
    seq: i + 1,
    step,
    on: isoDate(on),
    note: null,
  }));
}

describe("H2: the whistle loop", () => {
  it("H2: raise → report → close → confirm, with the answer in time and the handling days", () => {
    const w = whistle();
    const events = steps(
      "W-1",
      ["REPORTED", "2026-06-04"],
      ["CLOSED", "2026-06-09"],
      ["CONFIRMED", "2026-06-10"],
    );
    expect(whistleProgress(w, events)).toEqual({
      status: "CONFIRMED",
      deadline: "2026-06-04",
      reportedOn: "2026-06-04",
      closedOn: "2026-06-09",
      confirmedOn: "2026-06-10",
      reopenings: 0,
      answeredInTime: true,
      handlingDays: 8,
    });
  });

  it("H2: a reopened closure goes back to the department; the later closure counts", () => {
    const events = steps(
      "W-1",
      ["REPORTED", "2026-06-06"],
      ["CLOSED", "2026-06-09"],
      ["REOPENED", "2026-06-10"],
      ["CLOSED", "2026-06-15"],
    );
    const p = whistleProgress(whistle(), events);
    expect(p).toMatchObject({
      status: "CLOSED",
      reopenings: 1,
      closedOn: "2026-06-15",
      answeredInTime: false,
    });
    expect(p.handlingDays).toBeNull();
  });

  it("H2: a step only from the status it follows, never dated before the previous one", () => {
    const w = whistle();
    expect(checkWhistleStep(w, [], "CLOSED", isoDate("2026-06-02"))?.code).toBe("WRONG_STATUS");
    expect(checkWhistleStep(w, [], "REPORTED", isoDate("2026-05-31"))?.code).toBe("DATE_ORDER");
    expect(checkWhistleStep(w, [], "REPORTED", isoDate("2026-06-01"))).toBeNull();
    const closed = steps("W-1", ["REPORTED", "2026-06-02"], ["CLOSED", "2026-06-05"]);
    expect(checkWhistleStep(w, closed, "CONFIRMED", isoDate("2026-06-04"))?.code).toBe("DATE_ORDER");
    expect(checkWhistleStep(w, closed, "REOPENED", isoDate("2026-06-06"))).toBeNull();
    expect(checkWhistleStep(w, closed, "REPORTED", isoDate("2026-06-06"))?.message).toContain("已办结待确认");
    // A whistle entered before the loop existed, with its answer date, is already reported.
    expect(
      checkWhistleStep(whistle({ answeredOn: isoDate("2026-06-02") }), [], "REPORTED", isoDate("2026-06-03"))
        ?.code,
    ).toBe("WRONG_STATUS");
  });
});

describe("H2: figures per department, township and item", () => {
  const index = buildListIndex(demoCounty().entries);
  const whistles = [
    whistle({ id: "W-1" }),
    whistle({ id: "W-2", raisedOn: isoDate("2026-07-01") }),
    // 河道保洁 is basic in 白沙镇: the township's own duty, against no department.
    whistle({ id: "W-3", itemCode: "SL-001", departmentCode: "ZRZYJ" }),
  ];
  const events = [
    ...steps("W-1", ["REPORTED", "2026-06-02"], ["CLOSED", "2026-06-06"], ["CONFIRMED", "2026-06-07"]),
    ...steps("W-2", ["REPORTED", "2026-07-09"]),
    ...steps("W-3", ["REPORTED", "2026-06-02"], ["CLOSED", "2026-06-03"], ["CONFIRMED", "2026-06-03"]),
  ];
  const judged = judgeWhistles(whistles, events, index, isoDate("2026-01-01"), isoDate("2027-01-01"));

  it("H2/S5: by department, only the whistles the lists make it responsible for", () => {
    const [sthj, ...others] = whistleFigures(judged, "DEPARTMENT");
    expect(others).toEqual([]);
    expect(sthj).toMatchObject({ code: "STHJ", raised: 2, answeredInTime: 1, answeredLate: 1, confirmed: 1 });
    expect(sthj?.closureRate?.toString()).toBe("0.5");
    expect(sthj?.averageHandlingDays?.toString()).toBe("5");
    expect(judged.find((j) => j.whistle.id === "W-3")?.notCounted).toMatchObject({ reason: "BASIC_ITEM" });
  });

  it("H2: by township and item every whistle counts, and those against no department say so", () => {
    const [bs] = whistleFigures(judged, "TOWNSHIP");
    expect(bs).toMatchObject({ code: "QX-BS", raised: 3, confirmed: 2, notAgainstDepartment: 1 });
    expect(whistleFigures(judged, "ITEM").map((f) => [f.code, f.raised, f.notAgainstDepartment])).toEqual([
      ["HJ-001", 2, 0],
      ["SL-001", 1, 1],
    ]);
  });
});

describe("L2/H2: a report recorded later does not answer the whistle as known before it", () => {
  it("L2: as known on the day before the report was entered, the whistle is unanswered", async () => {
    const { recordsAsKnownOn } = await import("../assessment/records-as-known-on.ts");
    const w = whistle({
      recordedOn: isoDate("2026-06-01"),
      answeredOn: isoDate("2026-06-03"),
      answerRecordedOn: isoDate("2026-06-09"),
    });
    const records = {
      performance: [],
      whistles: [w],
      guarantees: [],
      pushDowns: [],
      unattended: [],
      ratings: [],
    };
    expect(recordsAsKnownOn(records, isoDate("2026-06-08")).whistles[0]?.answeredOn).toBeNull();
    expect(recordsAsKnownOn(records, isoDate("2026-06-09")).whistles[0]?.answeredOn).toBe("2026-06-03");
  });
});
