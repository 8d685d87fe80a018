// H2: the whistle loop's figures per department, township and item over a period — answered within
// the limit, closure rate (办结率), average handling days — the same judgement S5 counts by.

import type { ExcludedExecutionInput } from "../assessment/execution-inputs.ts";
import { judgeWhistle } from "../assessment/execution-inputs.ts";
import type { WhistleRequest } from "../assessment/performance-record.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import { type ExactDecimal, exact } from "../base/exact-decimal.ts";
import type { ListIndex } from "../lists/list-index.ts";
import { type WhistleEvent, type WhistleProgress, whistleProgress } from "./whistle-loop.ts";

export type WhistleGrouping = "DEPARTMENT" | "TOWNSHIP" | "ITEM";

/**
 * One group's figures. By department only the whistles the lists of their date make that
 * department responsible for are counted (S5); by township or item every whistle is, and
 * `notAgainstDepartment` says how many of them count against no department.
 */
export interface WhistleFigures {
  readonly groupBy: WhistleGrouping;
  readonly code: string;
  readonly raised: number;
  readonly answeredInTime: number;
  readonly answeredLate: number;
  readonly unanswered: number;
  /** Closed by the department and confirmed by the township. */
  readonly confirmed: number;
  /** Closed and waiting for the township. */
  readonly awaitingConfirmation: number;
  readonly reopenings: number;
  /** answeredInTime / raised; null with nothing raised. */
  readonly inTimeRate: ExactDecimal | null;
  /** confirmed / raised (办结率). */
  readonly closureRate: ExactDecimal | null;
  /** Mean days from raise to the confirmed closure, over confirmed whistles. */
  readonly averageHandlingDays: ExactDecimal | null;
  readonly notAgainstDepartment: number;
}

/** A whistle with its progress and, when it counts against no department, why (H2, S5). */
export interface JudgedWhistle {
  readonly whistle: WhistleRequest;
  readonly progress: WhistleProgress;
  readonly notCounted: ExcludedExecutionInput | null;
}

/**
 * H2: each whistle raised in `[from, to)` with its progress and its judgement against the lists of
 * its date (A9): one on an item the lists leave to the township counts against no department.
 */
export function judgeWhistles(
  whistles: readonly WhistleRequest[],
  events: readonly WhistleEvent[],
  index: ListIndex,
  from: IsoDate,
  to: IsoDate,
): JudgedWhistle[] {
  const byWhistle = new Map<string, WhistleEvent[]>();
  for (const e of events) {
    const list = byWhistle.get(e.whistleId);
    if (list === undefined) byWhistle.set(e.whistleId, [e]);
    else list.push(e);
  }
  const out: JudgedWhistle[] = [];
  for (const w of whistles) {
    if (w.raisedOn < from || w.raisedOn >= to) continue;
    const own = (byWhistle.get(w.id) ?? []).sort((a, b) => a.seq - b.seq);
    out.push({ whistle: w, progress: whistleProgress(w, own), notCounted: judgeWhistle(w, index) });
  }
  return out.sort((a, b) => (a.whistle.id < b.whistle.id ? -1 : a.whistle.id > b.whistle.id ? 1 : 0));
}

interface Counter {
  raised: number;
  answeredInTime: number;
  answeredLate: number;
  unanswered: number;
  confirmed: number;
  awaitingConfirmation: number;
  reopenings: number;
  handlingDays: number;
  notAgainstDepartment: number;
}

function keyOf(j: JudgedWhistle, by: WhistleGrouping): string | null {
  if (by === "DEPARTMENT") return j.notCounted === null ? j.whistle.departmentCode : null;
  return by === "TOWNSHIP" ? j.whistle.townshipCode : j.whistle.itemCode;
}

function ratio(part: number, whole: number): ExactDecimal | null {
  return whole === 0 ? null : exact(part).dividedBy(whole);
}

/**
 * H2: figures per department, township or item, in code order.
 * @example whistleFigures(judgeWhistles(w, e, index, from, to), "DEPARTMENT")[0]?.closureRate?.toFixed(4)
 */
export function whistleFigures(judged: readonly JudgedWhistle[], by: WhistleGrouping): WhistleFigures[] {
  const counters = new Map<string, Counter>();
  for (const j of judged) {
    const key = keyOf(j, by);
    if (key === null) continue;
    let c = counters.get(key);
    if (c === undefined) {
      c = {
        raised: 0,
        answeredInTime: 0,
        answeredLate: 0,
        unanswered: 0,
        confirmed: 0,
        awaitingConfirmation: 0,
        reopenings: 0,
        handlingDays: 0,
        notAgainstDepartment: 0,
      };
      counters.set(key, c);
    }
    const p = j.progress;
    c.raised++;
    if (p.reportedOn === null) c.unanswered++;
    else if (p.answeredInTime) c.answeredInTime++;
    else c.answeredLate++;
    if (p.status === "CONFIRMED") {
      c.confirmed++;
      c.handlingDays += p.handlingDays ?? 0;
    } else if (p.status === "CLOSED") c.awaitingConfirmation++;
    c.reopenings += p.reopenings;
    if (j.notCounted !== null) c.notAgainstDepartment++;
  }
  return [...counters.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, c]) => ({
      groupBy: by,
      code,
      raised: c.raised,
      answeredInTime: c.answeredInTime,
      answeredLate: c.answeredLate,
      unanswered: c.unanswered,
      confirmed: c.confirmed,
      awaitingConfirmation: c.awaitingConfirmation,
      reopenings: c.reopenings,
      inTimeRate: ratio(c.answeredInTime, c.raised),
      closureRate: ratio(c.confirmed, c.raised),
      averageHandlingDays: ratio(c.handlingDays, c.confirmed),
      notAgainstDepartment: c.notAgainstDepartment,
    }));
}

/**
 * H2: the figures by department, then township, then item — what the assessment workbook's
 * 吹哨报到 sheet shows beside the S5 scores.
 * @example allWhistleFigures(judged).map((f) => f.groupBy) // ["DEPARTMENT", …, "TOWNSHIP", …, "ITEM", …]
 */
export function allWhistleFigures(judged: readonly JudgedWhistle[]): WhistleFigures[] {
  return (["DEPARTMENT", "TOWNSHIP", "ITEM"] as const).flatMap((by) => whistleFigures(judged, by));
}
