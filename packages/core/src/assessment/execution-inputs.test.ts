import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { roundForPresentation } from "../base/exact-decimal.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import { DEMO_CASES } from "../testing/demo-cases.ts";
import { demoAssessmentPlan, demoCounty, generateRecords } from "../testing/index.ts";
import { type ScoredYear, scoreAssessment } from "./assessment-scoring.ts";
import { type DeterminedPushDown, determinedPushDowns, judgeExecutionInputs } from "./execution-inputs.ts";
import type { AssessmentRecords, PushDownReport, WhistleRequest } from "./performance-record.ts";

// S5 (corrected): "These inputs are judged against the lists and the ledger of their date like
// records (S7): a whistle counts only against a department the lists make responsible for its
// item; a push-down covered by a registered task is no push-down; the violations found by
// determinations (A4) are counted without re-entry."
// H2: "A whistle on an item the lists leave to the township itself counts against no department,
// and the engine says so."

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 2025 });
const index = buildListIndex(dataset.entries);

const whistle = (fields: Partial<WhistleRequest>): WhistleRequest => ({
  id: "W-PROBE",
  countyCode: "QX",
  townshipCode: "QX-BS",
  departmentCode: "LYJ",
  itemCode: "MS-001",
  raisedOn: isoDate("2025-06-15"),
  timeLimitDays: 3,
  answeredOn: null,
  ...fields,
});

const pushDown = (fields: Partial<PushDownReport>): PushDownReport => ({
  id: "PD-PROBE",
  countyCode: "QX",
  departmentCode: "YJGLJ",
  townshipCode: "QX-BS",
  date: isoDate("2025-07-01"),
  matter: "应急演练台账报送",
  ...fields,
});

function total(year: ScoredYear, code: string): string {
  const found = year.departments.find((d) => d.departmentCode === code);
  if (found === undefined) throw new Error(code);
  return roundForPresentation(found.total);
}

const withRecords = (extra: Partial<AssessmentRecords>): AssessmentRecords => ({
  ...records,
  whistles: [...records.whistles, ...(extra.whistles ?? [])],
  pushDowns: [...records.pushDowns, ...(extra.pushDowns ?? [])],
});

describe("S5 inputs judged against the lists and the ledger of their date", () => {
  const before = scoreAssessment(plan, dataset, records);

  it("S5/H2: an unanswered whistle about a basic item counts against no department and is reported", () => {
    // MS-001 is on QX-BS's basic list on 2025-06-15: the township's own duty.
    expect(total(before, "LYJ")).toBe("87.66");
    const after = scoreAssessment(plan, dataset, withRecords({ whistles: [whistle({})] }));
    expect(total(after, "LYJ")).toBe("87.66"); // was deducted to 84.09
    const lyj = after.departments.find((d) => d.departmentCode === "LYJ");
    expect(lyj?.excludedExecution).toEqual([
      {
        kind: "WHISTLE",
        id: "W-PROBE",
        departmentCode: "LYJ",
        townshipCode: "QX-BS",
        date: "2025-06-15",
        reason: "BASIC_ITEM",
        ruleId: "S5",
        message: "吹哨事项MS-001于2025-06-15在QX-BS属基本履职事项,由乡镇自身负责,不计入任何部门",
      },
    ]);
    expect(after.excludedExecution.map((e) => e.id)).toEqual(["W-PROBE"]);
  });

  it("S5: a whistle counts only against the lead of the cooperative entry or the receiving department of the reclaimed one", () => {
    const judged = judgeExecutionInputs(
      {
        whistles: [
          whistle({ id: "W-LEAD", itemCode: "LY-001", departmentCode: "LYJ" }),
          whistle({ id: "W-OTHER", itemCode: "LY-001", departmentCode: "ZJJ" }),
          whistle({ id: "W-RECV", itemCode: "ZR-002", departmentCode: "ZRZYJ" }),
          whistle({ id: "W-NOTRECV", itemCode: "ZR-002", departmentCode: "LYJ" }),
          whistle({ id: "W-OFF", itemCode: "NO-SUCH", departmentCode: "LYJ" }),
        ],
        pushDowns: [],
      },
      dataset,
      index,
      [],
    );
    expect(judged.whistles.map((w) => w.id)).toEqual(["W-LEAD", "W-RECV"]);
    expect(judged.excluded.map((e) => [e.id, e.reason])).toEqual([
      ["W-NOTRECV", "NOT_RESPONSIBLE"],
      ["W-OFF", "OFF_LIST_ITEM"],
      ["W-OTHER", "NOT_RESPONSIBLE"],
    ]);
    expect(judged.excluded.find((e) => e.id === "W-OTHER")?.message).toContain("牵头部门为LYJ");
    expect(judged.excluded.find((e) => e.id === "W-NOTRECV")?.message).toContain("承接部门为ZRZYJ");
  });

  it("S5/A9: the lists of the whistle's date decide, not today's", () => {
    // CJ-003 joins QX-CG's cooperative list (lead ZJJ) on 2025-09-01.
    const judged = judgeExecutionInputs(
      {
        whistles: [
          whistle({
            id: "W-EARLY",
            townshipCode: "QX-CG",
            itemCode: "CJ-003",
            departmentCode: "ZJJ",
            raisedOn: isoDate("2025-04-02"),
          }),
          whistle({
            id: "W-LATE",
            townshipCode: "QX-CG",
            itemCode: "CJ-003",
            departmentCode: "ZJJ",
            raisedOn: isoDate("2025-09-02"),
          }),
        ],
        pushDowns: [],
      },
      dataset,
      index,
      [],
    );
    expect(judged.whistles.map((w) => w.id)).toEqual(["W-LATE"]);
    expect(judged.excluded.map((e) => [e.id, e.reason])).toEqual([["W-EARLY", "OFF_LIST_ITEM"]]);
  });

  it("S5/L5: a push-down report on a date the department's own registered task covers is no push-down", () => {
    // QX-TT-2025-02: YJGLJ's task for QX-BS, QX-SM, QX-TY, from 2025-06-01 (registered 2025-05-28).
    expect(total(before, "YJGLJ")).toBe("95.37");
    const after = scoreAssessment(plan, dataset, withRecords({ pushDowns: [pushDown({})] }));
    expect(total(after, "YJGLJ")).toBe("95.37"); // was deducted to 92.51
    expect(after.excludedExecution).toEqual([
      {
        kind: "PUSH_DOWN",
        id: "PD-PROBE",
        departmentCode: "YJGLJ",
        townshipCode: "QX-BS",
        date: "2025-07-01",
        reason: "REGISTERED_TASK",
        ruleId: "S5",
        message:
          "2025-07-01QX-BS「应急演练台账报送」:YJGLJ已登记临时任务QX-TT-2025-02(" +
          `${dataset.temporaryTasks.find((t) => t.id === "QX-TT-2025-02")?.decision.documentNo})覆盖该日,不属擅自转嫁`,
      },
    ]);
    // Before the task covers the township, and in a township it does not name, it is a push-down.
    for (const report of [pushDown({ date: isoDate("2025-05-20") }), pushDown({ townshipCode: "QX-CG" })]) {
      const counted = scoreAssessment(plan, dataset, withRecords({ pushDowns: [report] }));
      expect(total(counted, "YJGLJ")).not.toBe("95.37");
      expect(counted.excludedExecution).toEqual([]);
    }
  });

  it("S5/A4: push-downs found by determinations count without re-entry, once with a matching report", () => {
    const determined: DeterminedPushDown = {
      decisionId: "D-1",
      departmentCode: "ZJJ",
      townshipCode: "QX-SM",
      date: isoDate("2025-03-10"),
      matter: "迎检材料报送",
    };
    const alone = scoreAssessment(plan, dataset, records, { determinedPushDowns: [determined] });
    const reported = pushDown({
      departmentCode: "ZJJ",
      townshipCode: "QX-SM",
      date: isoDate("2025-03-10"),
      matter: "迎检材料报送",
    });
    const both = scoreAssessment(plan, dataset, withRecords({ pushDowns: [reported] }), {
      determinedPushDowns: [determined],
    });
    const once = scoreAssessment(plan, dataset, withRecords({ pushDowns: [reported] }));
    // One deduction of 2 points (D02-3, 10 points, 2 per event), however it reached the engine.
    expect(total(alone, "ZJJ")).toBe(total(once, "ZJJ"));
    expect(total(both, "ZJJ")).toBe(total(once, "ZJJ"));
    expect(total(alone, "ZJJ")).not.toBe(total(before, "ZJJ"));
  });

  it("S5/A4: the push-downs a determination reports are read from its violations, one per department, township, date and matter", () => {
    const context = prepareDeterminations(dataset);
    const determinations = DEMO_CASES.flatMap((c) => {
      const d = determineResponsibility(context, c.failure);
      return d.ok ? [d.value] : [];
    });
    const found = determinedPushDowns([...determinations, ...determinations]);
    expect(
      found.map(({ departmentCode, townshipCode, date, matter }) => [
        departmentCode,
        townshipCode,
        date,
        matter,
      ]),
    ).toEqual([
      // A4: a reclaimed item (ZR-002) handed back down onto 石门乡 is a push-down too.
      ["ZJJ", "QX-SM", "2025-06-01", "ZR-002"],
      ["ZJJ", "QX-TY", "2025-09-12", "建筑工地扬尘污染执法检查"],
    ]);
    const judged = judgeExecutionInputs({ whistles: [], pushDowns: [] }, dataset, index, found);
    expect(judged.pushDowns).toHaveLength(2);
  });
});
