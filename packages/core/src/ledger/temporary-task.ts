import { type IsoDate, isIsoDate } from "../base/calendar-date.ts";
import { invalidField, type OperationError } from "../base/domain-error.ts";
import { collect, err, ok, type Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { findResemblances, type ResemblanceFlag } from "../lists/resemblance.ts";

/** The bodies that may authorise off-list work for a limited time (L5). */
export type TaskAuthority = "COUNTY_PARTY_COMMITTEE" | "COUNTY_GOVERNMENT";

export const TASK_AUTHORITY_NAMES: Readonly<Record<TaskAuthority, string>> = {
  COUNTY_PARTY_COMMITTEE: "县委",
  COUNTY_GOVERNMENT: "县政府",
};

/** The decision that authorises a temporary task. */
export interface TaskDecision {
  readonly authority: TaskAuthority;
  readonly documentNo: string;
  readonly title: string;
  readonly decidedOn: IsoDate;
}

/** Whether the township leads the task or assists the requesting department. */
export type TownshipTaskRole = "LEAD" | "ASSIST";

/**
 * A temporary task (临时性工作任务) in the county's ledger (L5). Never a list item and never
 * scored (S1); it can make a township responsible only while open (A5).
 */
export interface TemporaryTask {
  readonly id: string;
  readonly countyCode: string;
  readonly decision: TaskDecision;
  readonly requestingDepartment: string;
  readonly townshipCodes: readonly string[];
  readonly content: string;
  readonly townshipRole: TownshipTaskRole;
  readonly startsOn: IsoDate;
  readonly plannedEndOn: IsoDate;
  readonly closedOn: IsoDate | null;
  readonly closingNote: string | null;
}

export type TemporaryTaskStatus = "NOT_STARTED" | "OPEN" | "OVERDUE" | "CLOSED";

/**
 * The task's status on `asOf`: closed (销号) from its closing date; overdue once past its planned
 * end without being closed; open from its start; not started before.
 * @example temporaryTaskStatus(task, isoDate("2025-12-31")) // "OVERDUE"
 */
export function temporaryTaskStatus(task: TemporaryTask, asOf: IsoDate): TemporaryTaskStatus {
  if (task.closedOn !== null && task.closedOn <= asOf) return "CLOSED";
  if (asOf < task.startsOn) return "NOT_STARTED";
  return asOf > task.plannedEndOn ? "OVERDUE" : "OPEN";
}

/**
 * Whether the task binds the township on `date` (A5): started, not closed, the township named.
 * @example isTaskInForce(task, "QX-CG", isoDate("2025-05-01")) // true while open or overdue
 */
export function isTaskInForce(task: TemporaryTask, townshipCode: string, date: IsoDate): boolean {
  const status = temporaryTaskStatus(task, date);
  return (status === "OPEN" || status === "OVERDUE") && task.townshipCodes.includes(townshipCode);
}

/**
 * The task as the ledger stood on `date`: a closing (销号) after the date was not yet recorded.
 * @example taskAsOf(closedInJuly, isoDate("2025-05-01")).closedOn // null
 */
export function taskAsOf(task: TemporaryTask, date: IsoDate): TemporaryTask {
  return task.closedOn !== null && task.closedOn > date
    ? { ...task, closedOn: null, closingNote: null }
    : task;
}

export interface TemporaryTaskView {
  readonly task: TemporaryTask;
  readonly status: TemporaryTaskStatus;
}

export interface TemporaryTasksAsOfOptions {
  readonly status?: TemporaryTaskStatus;
  readonly townshipCode?: string;
}

/**
 * The ledger as of a date, each task with its status, sorted by id; overdue tasks are what L5
 * asks to report.
 * @example temporaryTasksAsOf(dataset.temporaryTasks, date, { status: "OVERDUE" })
 */
export function temporaryTasksAsOf(
  tasks: readonly TemporaryTask[],
  asOf: IsoDate,
  options: TemporaryTasksAsOfOptions = {},
): TemporaryTaskView[] {
  return tasks
    .filter((task) => options.townshipCode === undefined || task.townshipCodes.includes(options.townshipCode))
    .map((task) => ({ task, status: temporaryTaskStatus(task, asOf) }))
    .filter((view) => options.status === undefined || view.status === options.status)
    .sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
}

export type TemporaryTaskRegistration = Omit<TemporaryTask, "countyCode" | "closedOn" | "closingNote">;

/**
 * Registers a temporary task in the ledger (L5) after checking the decision, the department,
 * the townships and the dates; flags a task that resembles an item reclaimed from one of its
 * townships (L6).
 * @example registerTemporaryTask(dataset, { id: "TT-2025-01", decision: { authority: "COUNTY_GOVERNMENT", … }, … })
 */
export function registerTemporaryTask(
  dataset: CountyDataset,
  registration: TemporaryTaskRegistration,
): Result<
  {
    readonly dataset: CountyDataset;
    readonly task: TemporaryTask;
    readonly resemblances: readonly ResemblanceFlag[];
  },
  OperationError
> {
  const errors: OperationError[] = [];
  if (registration.id.trim() === "") errors.push(invalidField("id", "任务编号不能为空"));
  if (dataset.temporaryTasks.some((t) => t.id === registration.id)) {
    errors.push({
      _tag: "DUPLICATE_ID",
      kind: "TEMPORARY_TASK",
      id: registration.id,
      message: `临时任务 ${registration.id} 已登记`,
    });
  }
  if (registration.decision.documentNo.trim() === "") {
    errors.push(invalidField("decision.documentNo", "临时任务须载明县委或县政府的决定文号(规则L5)"));
  }
  if (!isIsoDate(registration.decision.decidedOn)) {
    errors.push(invalidField("decision.decidedOn", `不是有效日期:${registration.decision.decidedOn}`));
  }
  if (!dataset.departments.some((d) => d.code === registration.requestingDepartment)) {
    errors.push({
      _tag: "NOT_FOUND",
      kind: "DEPARTMENT",
      id: registration.requestingDepartment,
      message: `requestingDepartment 引用了不存在的部门 ${registration.requestingDepartment}`,
    });
  }
  if (registration.townshipCodes.length === 0)
    errors.push(invalidField("townshipCodes", "临时任务至少涉及一个乡镇"));
  registration.townshipCodes.forEach((code, i) => {
    if (!dataset.townships.some((t) => t.code === code)) {
      errors.push({
        _tag: "NOT_FOUND",
        kind: "TOWNSHIP",
        id: code,
        message: `townshipCodes[${i}] 引用了不存在的乡镇 ${code}`,
      });
    }
  });
  if (registration.content.trim() === "") errors.push(invalidField("content", "须载明任务内容"));
  if (!isIsoDate(registration.startsOn))
    errors.push(invalidField("startsOn", `不是有效日期:${registration.startsOn}`));
  if (!isIsoDate(registration.plannedEndOn))
    errors.push(invalidField("plannedEndOn", `不是有效日期:${registration.plannedEndOn}`));
  else if (registration.plannedEndOn < registration.startsOn) {
    errors.push(
      invalidField(
        "plannedEndOn",
        `计划完成日期 ${registration.plannedEndOn} 早于开始日期 ${registration.startsOn}`,
      ),
    );
  }
  const [first, ...rest] = errors;
  if (first !== undefined) return err(first, ...rest);
  const task: TemporaryTask = {
    ...registration,
    countyCode: dataset.county.code,
    closedOn: null,
    closingNote: null,
  };
  const resemblances = findResemblances(
    [
      {
        ref: `临时任务 ${task.id}`,
        townshipCodes: task.townshipCodes,
        itemCodes: [],
        name: task.content,
        tasks: [task.content],
      },
    ],
    buildListIndex(dataset.entries),
    task.startsOn,
  );
  return ok({
    dataset: { ...dataset, temporaryTasks: [...dataset.temporaryTasks, task] },
    task,
    resemblances,
  });
}

/**
 * Closes (销号) a task on `closedOn` (L5). A closed task stays in the ledger; closing twice is refused.
 * @example closeTemporaryTask(dataset, "TT-2025-01", isoDate("2025-09-30"), "已完成")
 */
export function closeTemporaryTask(
  dataset: CountyDataset,
  taskId: string,
  closedOn: IsoDate,
  closingNote: string,
): Result<{ readonly dataset: CountyDataset; readonly task: TemporaryTask }, OperationError> {
  const task = dataset.temporaryTasks.find((t) => t.id === taskId);
  if (task === undefined)
    return err({
      _tag: "NOT_FOUND",
      kind: "TEMPORARY_TASK",
      id: taskId,
      message: `临时任务 ${taskId} 不存在`,
    });
  const errors: OperationError[] = [];
  if (task.closedOn !== null) {
    errors.push({ _tag: "ALREADY_CLOSED", taskId, message: `临时任务 ${taskId} 已于 ${task.closedOn} 销号` });
  }
  if (!isIsoDate(closedOn)) errors.push(invalidField("closedOn", `不是有效日期:${closedOn}`));
  else if (closedOn <= task.startsOn)
    errors.push(invalidField("closedOn", `销号日期 ${closedOn} 须晚于开始日期 ${task.startsOn}`));
  const closed: TemporaryTask = { ...task, closedOn, closingNote };
  return collect(errors, {
    dataset: {
      ...dataset,
      temporaryTasks: dataset.temporaryTasks.map((t) => (t.id === taskId ? closed : t)),
    },
    task: closed,
  });
}
