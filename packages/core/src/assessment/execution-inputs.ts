// S5: departments' list-execution inputs judged against the lists and the ledger of their date.

import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { isTaskInForce } from "../ledger/temporary-task.ts";
import { entryDepartments, LIST_TYPE_NAMES } from "../lists/list-entry.ts";
import { entryInForce, type ListIndex } from "../lists/list-index.ts";
import type { Determination } from "../responsibility/determination.ts";
import type { AssessmentRecords, PushDownReport, WhistleRequest } from "./performance-record.ts";

/**
 * Why a list-execution input does not count against the department it names (S5):
 * - `BASIC_ITEM`: the whistle's item is on the township's basic list that day — the township's
 *   own duty; it counts against no department (H2).
 * - `OFF_LIST_ITEM`: the whistle's item is on none of the township's lists that day.
 * - `NOT_RESPONSIBLE`: the lists make another department responsible for the item (lead of the
 *   cooperative entry, receiving department of the reclaimed one).
 * - `REGISTERED_TASK`: a task of that department, registered and covering the township on the
 *   reported date (L5), covers it: no push-down.
 */
export type ExecutionExclusionReason = "BASIC_ITEM" | "OFF_LIST_ITEM" | "NOT_RESPONSIBLE" | "REGISTERED_TASK";

/**
 * A whistle or push-down report that does not count, with its reason in Chinese (S5: never dropped
 * silently).
 * @example { kind: "WHISTLE", id: "W-1", departmentCode: "MZJ", townshipCode: "QX-CG", date: "2025-03-02", reason: "BASIC_ITEM", message: "…" }
 */
export interface ExcludedExecutionInput {
  readonly kind: "WHISTLE" | "PUSH_DOWN";
  readonly id: string;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly reason: ExecutionExclusionReason;
  readonly ruleId: "S5";
  readonly message: string;
}

/**
 * A push-down onto a township found by a determination (A4) — the violations stored determinations
 * report — as an input of the department's S5 deductions, without re-entry.
 * @example determinedPushDowns(storedDeterminations)[0] // { decisionId, departmentCode: "ZJJ", townshipCode: "QX-CG", date: "2025-04-01", matter: "迎检材料报送" }
 */
export interface DeterminedPushDown {
  readonly decisionId: string;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  /** The failure's matter: the off-list matter's description, or the item's code. */
  readonly matter: string;
}

/**
 * The push-downs (A4 violations) that determinations found, one per department, township, date and
 * matter (S5: counted without re-entry).
 * @example determinedPushDowns([determination]).map((p) => p.departmentCode) // ["ZJJ"]
 */
export function determinedPushDowns(determinations: readonly Determination[]): DeterminedPushDown[] {
  const found = new Map<string, DeterminedPushDown>();
  for (const d of determinations) {
    const subject = d.failure.subject;
    const matter = subject.kind === "MATTER" ? subject.description : subject.itemCode;
    for (const v of d.violations) {
      if (v.code !== "UNREGISTERED_PUSH_DOWN") continue;
      const push = {
        decisionId: d.decisionId,
        departmentCode: v.departmentCode,
        townshipCode: v.townshipCode,
        date: v.date,
        matter,
      };
      const key = pushDownKey(push);
      const before = found.get(key);
      if (before === undefined || push.decisionId < before.decisionId) found.set(key, push);
    }
  }
  return [...found.values()].sort((a, b) => compare(pushDownKey(a), pushDownKey(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pushDownKey(p: {
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly matter: string;
}): string {
  return `${p.departmentCode}\u0000${p.townshipCode}\u0000${p.date}\u0000${p.matter.trim()}`;
}

/** The S5 inputs that count, and those that do not with their reasons. */
export interface JudgedExecutionInputs {
  readonly whistles: readonly WhistleRequest[];
  /** Reported push-downs that count, then the determined ones (A4) not also reported. */
  readonly pushDowns: readonly { readonly departmentCode: string; readonly date: IsoDate }[];
  readonly excluded: readonly ExcludedExecutionInput[];
}

function excludedWhistle(
  w: WhistleRequest,
  reason: ExecutionExclusionReason,
  message: string,
): ExcludedExecutionInput {
  return {
    kind: "WHISTLE",
    id: w.id,
    departmentCode: w.departmentCode,
    townshipCode: w.townshipCode,
    date: w.raisedOn,
    reason,
    ruleId: "S5",
    message,
  };
}

/**
 * S5, H2: a whistle counts only against a department the lists of its date make responsible (A9);
 * null when it does, else why not.
 */
export function judgeWhistle(w: WhistleRequest, index: ListIndex): ExcludedExecutionInput | null {
  const entry = entryInForce(index, w.townshipCode, w.itemCode, w.raisedOn);
  const at = `${w.raisedOn}在${w.townshipCode}`;
  if (entry === null) {
    return excludedWhistle(
      w,
      "OFF_LIST_ITEM",
      `吹哨事项${w.itemCode}于${at}不在任何清单上,不计入${w.departmentCode}`,
    );
  }
  if (entry.terms.type === "BASIC") {
    return excludedWhistle(
      w,
      "BASIC_ITEM",
      `吹哨事项${w.itemCode}于${at}属${LIST_TYPE_NAMES.BASIC},由乡镇自身负责,不计入任何部门`,
    );
  }
  const responsible = entryDepartments(entry.terms);
  if (responsible.includes(w.departmentCode)) return null;
  const role = entry.terms.type === "COOPERATIVE" ? "牵头部门" : "承接部门";
  return excludedWhistle(
    w,
    "NOT_RESPONSIBLE",
    `吹哨事项${w.itemCode}于${at}属${LIST_TYPE_NAMES[entry.terms.type]},${role}为${responsible.join("、")},不计入${w.departmentCode}`,
  );
}

function excludedPushDown(
  r: PushDownReport,
  reason: ExecutionExclusionReason,
  message: string,
): ExcludedExecutionInput {
  return {
    kind: "PUSH_DOWN",
    id: r.id,
    departmentCode: r.departmentCode,
    townshipCode: r.townshipCode,
    date: r.date,
    reason,
    ruleId: "S5",
    message,
  };
}

/**
 * Judges the year's whistles and push-down reports against the lists and the ledger of their date
 * (S5): a whistle counts only against a department the lists make responsible for its item (the
 * entry in force, A9); a push-down report that a registered task of that department covering that
 * township covers (`isTaskInForce`, L5) is no push-down; push-downs found by determinations (A4)
 * count once, a report of the same department, township, date and matter being the same push-down.
 * @example judgeExecutionInputs(records, dataset, index, []).excluded.map((e) => e.reason) // ["BASIC_ITEM"]
 */
export function judgeExecutionInputs(
  records: Pick<AssessmentRecords, "whistles" | "pushDowns">,
  dataset: Pick<CountyDataset, "temporaryTasks">,
  index: ListIndex,
  determined: readonly DeterminedPushDown[],
): JudgedExecutionInputs {
  const excluded: ExcludedExecutionInput[] = [];
  const whistles = records.whistles.filter((w) => {
    const out = judgeWhistle(w, index);
    if (out !== null) excluded.push(out);
    return out === null;
  });
  const reported = new Set<string>();
  const pushDowns: { departmentCode: string; date: IsoDate }[] = [];
  for (const r of records.pushDowns) {
    const task = dataset.temporaryTasks.find(
      (t) => t.requestingDepartment === r.departmentCode && isTaskInForce(t, r.townshipCode, r.date),
    );
    if (task !== undefined) {
      excluded.push(
        excludedPushDown(
          r,
          "REGISTERED_TASK",
          `${r.date}${r.townshipCode}「${r.matter}」:${r.departmentCode}已登记临时任务${task.id}(${task.decision.documentNo})覆盖该日,不属擅自转嫁`,
        ),
      );
      continue;
    }
    pushDowns.push(r);
    reported.add(pushDownKey(r));
  }
  // A4 violations found by determinations count without re-entry: each one not also reported.
  for (const p of determined) if (!reported.has(pushDownKey(p))) pushDowns.push(p);
  // In a fixed order, so that results do not depend on the order of the inputs.
  excluded.sort((a, b) => compare(a.kind, b.kind) || compare(a.id, b.id));
  return { whistles, pushDowns, excluded };
}
