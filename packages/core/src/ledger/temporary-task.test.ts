import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import type { Result } from "../base/result.ts";
import { demoCounty } from "../testing/index.ts";
import {
  closeTemporaryTask,
  registerTemporaryTask,
  type TemporaryTaskRegistration,
} from "./task-registration.ts";
import { isTaskInForce, taskCoverage, temporaryTaskStatus, temporaryTasksAsOf } from "./temporary-task.ts";

const base = demoCounty();

const registration: TemporaryTaskRegistration = {
  id: "TT-X",
  decision: {
    authority: "COUNTY_GOVERNMENT",
    documentNo: "青政发〔2025〕99号",
    title: "《测试方案》",
    decidedOn: isoDate("2025-02-01"),
  },
  requestingDepartment: "NYNCJ",
  townshipCodes: ["QX-TY"],
  content: "春耕生产情况统计",
  townshipRole: "LEAD",
  startsOn: isoDate("2025-03-01"),
  plannedEndOn: isoDate("2025-04-30"),
  registeredOn: isoDate("2025-02-10"),
  recordedOn: isoDate("2025-02-10"),
};

function unwrap<T>(result: Result<T, { readonly message: string }>): T {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value;
}

describe("L5 temporary-task ledger", () => {
  it("L5: a registered task is not started, open, overdue, then closed (销号), and stays in the ledger", () => {
    const registered = unwrap(registerTemporaryTask(base, registration));
    const task = registered.task;
    expect(task).toMatchObject({ countyCode: "QX", closedOn: null });
    expect(
      ["2025-02-28", "2025-03-01", "2025-04-30", "2025-05-01"].map((d) =>
        temporaryTaskStatus(task, isoDate(d)),
      ),
    ).toEqual(["NOT_STARTED", "OPEN", "OPEN", "OVERDUE"]);
    const closed = unwrap(
      closeTemporaryTask(registered.dataset, "TT-X", isoDate("2025-05-10"), "已完成", isoDate("2025-05-10")),
    );
    expect(temporaryTaskStatus(closed.task, isoDate("2025-05-09"))).toBe("OVERDUE");
    expect(temporaryTaskStatus(closed.task, isoDate("2025-05-10"))).toBe("CLOSED");
    expect(closed.dataset.temporaryTasks.map((t) => t.id)).toEqual([
      "QX-TT-2025-01",
      "QX-TT-2025-02",
      "TT-X",
    ]);
  });

  it("L5: the ledger as of a date reports overdue tasks; filters by status and township", () => {
    const yearEnd = isoDate("2025-12-31");
    expect(temporaryTasksAsOf(base.temporaryTasks, yearEnd).map((v) => [v.task.id, v.status])).toEqual([
      ["QX-TT-2025-01", "CLOSED"],
      ["QX-TT-2025-02", "OVERDUE"],
    ]);
    expect(
      temporaryTasksAsOf(base.temporaryTasks, yearEnd, { status: "OVERDUE" }).map((v) => v.task.id),
    ).toEqual(["QX-TT-2025-02"]);
    expect(
      temporaryTasksAsOf(base.temporaryTasks, yearEnd, { townshipCode: "QX-CG" }).map((v) => v.task.id),
    ).toEqual(["QX-TT-2025-01"]);
  });

  it("L5: a registration without decision number, with unknown parties or reversed dates is refused naming each field", () => {
    const result = registerTemporaryTask(base, {
      ...registration,
      id: "QX-TT-2025-01",
      decision: { ...registration.decision, documentNo: "" },
      requestingDepartment: "NOPE",
      townshipCodes: ["QX-TY", "QX-ZZ"],
      plannedEndOn: isoDate("2025-02-01"),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => (e._tag === "INVALID_FIELD" ? e.field : `${e._tag}`))).toEqual([
      "DUPLICATE_ID",
      "decision.documentNo",
      "NOT_FOUND",
      "NOT_FOUND",
      "plannedEndOn",
    ]);
  });

  it("L5: closing twice, or before the start, is refused", () => {
    expect(
      closeTemporaryTask(base, "QX-TT-2025-01", isoDate("2025-12-01"), "再次销号", isoDate("2025-12-01")).ok,
    ).toBe(false);
    const registered = unwrap(registerTemporaryTask(base, registration)).dataset;
    const early = closeTemporaryTask(registered, "TT-X", isoDate("2025-03-01"), "", isoDate("2025-03-01"));
    expect(early.ok ? [] : early.errors.map((e) => e._tag)).toEqual(["INVALID_FIELD"]);
  });
});

describe("L5/A5 whether a task covers a township", () => {
  // 002: 工作结束后及时退出或终止配合职责 — past its planned end the township's cooperation has ended.
  it("L5/A5: a task covers a named township from its start to its planned end; then its cooperation has ended, until it is closed", () => {
    const { task } = unwrap(registerTemporaryTask(base, registration));
    const at = (d: string, township = "QX-TY") => taskCoverage(task, township, isoDate(d));
    expect([at("2025-02-28"), at("2025-03-01"), at("2025-04-30"), at("2025-05-01")]).toEqual([
      "NOT_YET",
      "COVERS",
      "COVERS",
      "ENDED",
    ]);
    expect(at("2025-04-01", "QX-CG")).toBe("NOT_NAMED");
    expect(isTaskInForce(task, "QX-TY", isoDate("2025-04-30"))).toBe(true);
    // overdue and never closed: no longer binding (A5)
    expect(isTaskInForce(task, "QX-TY", isoDate("2025-12-20"))).toBe(false);
    const closed = unwrap(
      closeTemporaryTask(
        unwrap(registerTemporaryTask(base, registration)).dataset,
        "TT-X",
        isoDate("2025-05-10"),
        "完成",
        isoDate("2025-05-10"),
      ),
    );
    expect(taskCoverage(closed.task, "QX-TY", isoDate("2025-05-10"))).toBe("CLOSED");
  });
});
