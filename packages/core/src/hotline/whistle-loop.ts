// H2: the whistle loop (吹哨报到). A township raises a whistle on an item (the `WhistleRequest`);
// the department reports (报到), handles and closes it (办结); the township confirms the closure or
// reopens it. Each step is an event appended to the whistle, never an edit (L2).

import type { WhistleRequest } from "../assessment/performance-record.ts";
import { addDays, daysBetween, type IsoDate } from "../base/calendar-date.ts";

/** A step of the loop after the raise: 报到, 办结, 确认办结, 退回重办. */
export type WhistleStep = "REPORTED" | "CLOSED" | "CONFIRMED" | "REOPENED";

export const WHISTLE_STEPS: readonly WhistleStep[] = ["REPORTED", "CLOSED", "CONFIRMED", "REOPENED"];

export const WHISTLE_STEP_NAMES: Readonly<Record<WhistleStep, string>> = {
  REPORTED: "报到",
  CLOSED: "办结",
  CONFIRMED: "确认办结",
  REOPENED: "退回重办",
};

/** Where a whistle stands: raised, reported (being handled), closed by the department, confirmed by the township. */
export type WhistleStatus = "RAISED" | "REPORTED" | "CLOSED" | "CONFIRMED";

export const WHISTLE_STATUS_NAMES: Readonly<Record<WhistleStatus, string>> = {
  RAISED: "已吹哨待报到",
  REPORTED: "已报到办理中",
  CLOSED: "已办结待确认",
  CONFIRMED: "已确认办结",
};

/** One step of one whistle, in the order taken (`seq` from 1). */
export interface WhistleEvent {
  readonly whistleId: string;
  readonly countyCode: string;
  readonly seq: number;
  readonly step: WhistleStep;
  readonly on: IsoDate;
  readonly note: string | null;
  /** Knowledge time (L2): the date the engine recorded it; absent before it is stored. */
  readonly recordedOn?: IsoDate;
}

/** Which status each step leads from, and to. */
const TRANSITIONS: Readonly<
  Record<WhistleStep, { readonly from: WhistleStatus; readonly to: WhistleStatus }>
> = {
  REPORTED: { from: "RAISED", to: "REPORTED" },
  CLOSED: { from: "REPORTED", to: "CLOSED" },
  CONFIRMED: { from: "CLOSED", to: "CONFIRMED" },
  // The township sends a closure back: the department handles it again.
  REOPENED: { from: "CLOSED", to: "REPORTED" },
};

/** Who takes a step: the department answers, reports and closes; the township confirms or reopens. */
export const WHISTLE_STEP_PARTY: Readonly<Record<WhistleStep, "DEPARTMENT" | "TOWNSHIP">> = {
  REPORTED: "DEPARTMENT",
  CLOSED: "DEPARTMENT",
  CONFIRMED: "TOWNSHIP",
  REOPENED: "TOWNSHIP",
};

/**
 * A whistle's progress through the loop, from its raise and its events: the status, the first
 * report (the answer S5 counts), the last closure, the confirmation, reopenings, and whether it was
 * answered within its time limit (counted from the day after it was raised).
 */
export interface WhistleProgress {
  readonly status: WhistleStatus;
  readonly deadline: IsoDate;
  readonly reportedOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  readonly confirmedOn: IsoDate | null;
  readonly reopenings: number;
  readonly answeredInTime: boolean;
  /** Days from raise to the confirmed closure; null until confirmed. */
  readonly handlingDays: number | null;
}

/** The last day a whistle may be answered on (H2, S5). */
export function whistleDeadline(w: Pick<WhistleRequest, "raisedOn" | "timeLimitDays">): IsoDate {
  return addDays(w.raisedOn, w.timeLimitDays);
}

/**
 * H2, S5: answered within the limit. A whistle stored before the loop has only its answer date;
 * one in the loop is answered by its first report, which the store keeps as `answeredOn`.
 * @example answeredInTime({ raisedOn: "2025-06-01", timeLimitDays: 3, answeredOn: "2025-06-04" }) // true
 */
export function answeredInTime(
  w: Pick<WhistleRequest, "raisedOn" | "timeLimitDays" | "answeredOn">,
): boolean {
  return w.answeredOn !== null && w.answeredOn <= whistleDeadline(w);
}

/**
 * H2: folds a whistle's events (in `seq` order) into its progress.
 * @example whistleProgress(w, [reported, closed, confirmed]).status // "CONFIRMED"
 */
export function whistleProgress(w: WhistleRequest, events: readonly WhistleEvent[]): WhistleProgress {
  // The store keeps the first report as `answeredOn`; a whistle entered before the loop existed has
  // only that date. Either way, an answer date means reported.
  let status: WhistleStatus = w.answeredOn === null ? "RAISED" : "REPORTED";
  let reportedOn = w.answeredOn;
  let closedOn: IsoDate | null = null;
  let confirmedOn: IsoDate | null = null;
  let reopenings = 0;
  for (const e of events) {
    status = TRANSITIONS[e.step].to;
    if (e.step === "REPORTED" && reportedOn === null) reportedOn = e.on;
    else if (e.step === "CLOSED") closedOn = e.on;
    else if (e.step === "CONFIRMED") confirmedOn = e.on;
    else if (e.step === "REOPENED") {
      reopenings++;
      closedOn = null;
    }
  }
  const answered = { ...w, answeredOn: reportedOn };
  return {
    status,
    deadline: whistleDeadline(w),
    reportedOn,
    closedOn,
    confirmedOn,
    reopenings,
    answeredInTime: answeredInTime(answered),
    handlingDays: confirmedOn === null || closedOn === null ? null : daysBetween(w.raisedOn, closedOn),
  };
}

/** Why a step cannot be taken now. */
export interface WhistleStepProblem {
  readonly code: "WRONG_STATUS" | "DATE_ORDER";
  readonly ruleId: "H2";
  readonly message: string;
}

/**
 * H2: whether `step` may follow the whistle's events on `on`: only from the status it leads from
 * (报到 after 吹哨, 办结 after 报到, 确认 or 退回 after 办结), never dated before the raise or the
 * previous step.
 * @example checkWhistleStep(w, [], "CLOSED", isoDate("2025-06-03"))?.code // "WRONG_STATUS"
 */
export function checkWhistleStep(
  w: WhistleRequest,
  events: readonly WhistleEvent[],
  step: WhistleStep,
  on: IsoDate,
): WhistleStepProblem | null {
  const { status } = whistleProgress(w, events);
  const wanted = TRANSITIONS[step].from;
  if (status !== wanted)
    return {
      code: "WRONG_STATUS",
      ruleId: "H2",
      message: `吹哨 ${w.id} 当前为「${WHISTLE_STATUS_NAMES[status]}」,不能${WHISTLE_STEP_NAMES[step]}(须在「${WHISTLE_STATUS_NAMES[wanted]}」时)`,
    };
  const last = events.at(-1)?.on ?? w.raisedOn;
  if (on < last)
    return {
      code: "DATE_ORDER",
      ruleId: "H2",
      message: `${WHISTLE_STEP_NAMES[step]}日期 ${on} 早于上一步(${last}),吹哨环节须按时间先后`,
    };
  return null;
}
