// The temporary-task ledger (L5): what a task is, and its status on a date.
import { compareDates, type IsoDate } from "../base/calendar-date.ts";

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
 * scored (S1); it can make a township responsible only while it covers it (A5).
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
  /**
   * 登记日期: the day the task entered the county's ledger. It covers a township only from the
   * later of its start and this date (L5, 登记在前).
   */
  readonly registeredOn: IsoDate;
  /** Knowledge time (L2): the date the engine recorded the registration. */
  readonly recordedOn: IsoDate;
  readonly closedOn: IsoDate | null;
  readonly closingNote: string | null;
  /** Knowledge time of the closing (销号), null while open. */
  readonly closingRecordedOn: IsoDate | null;
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
 * L5 (登记在前): the first day a task covers its townships — the later of its start and its
 * registration. Registering after the fact never turns an earlier push-down into registered work.
 * @example coverageStart({ ...task, startsOn: isoDate("2025-05-01"), registeredOn: isoDate("2025-05-10") }) // "2025-05-10"
 */
export function coverageStart(task: TemporaryTask): IsoDate {
  return compareDates(task.registeredOn, task.startsOn) > 0 ? task.registeredOn : task.startsOn;
}

/**
 * How a task stands towards one township on a date (L5, A5): the township is not named; the task
 * does not cover it yet; it covers it (the township cooperates in the registered content); its
 * planned end has passed without a closing (终止配合职责: the cooperation has ended, the task is
 * overdue); or it was closed (销号).
 */
export type TaskCoverage = "NOT_NAMED" | "NOT_YET" | "COVERS" | "ENDED" | "CLOSED";

/**
 * Whether and how the task covers `townshipCode` on `date` (L5, A5). The one place that decides
 * when a task starts and stops covering a township: determinations, reports and tallies ask here.
 * @example taskCoverage(task, "QX-TY", isoDate("2025-11-01")) // "ENDED" (past its planned end, not closed)
 */
export function taskCoverage(task: TemporaryTask, townshipCode: string, date: IsoDate): TaskCoverage {
  if (!task.townshipCodes.includes(townshipCode)) return "NOT_NAMED";
  // L5 登记在前: nothing before the later of its start and its registration.
  if (date < coverageStart(task)) return "NOT_YET";
  switch (temporaryTaskStatus(task, date)) {
    case "CLOSED":
      return "CLOSED";
    case "NOT_STARTED":
      return "NOT_YET";
    case "OPEN":
      return "COVERS";
    case "OVERDUE":
      return "ENDED";
  }
}

/**
 * Whether the task covers the township on `date` (A5): named, started and registered, not past its planned end
 * and not closed. An overdue task no longer binds: the township's cooperation has ended
 * (终止配合职责, 002).
 * @example isTaskInForce(task, "QX-CG", isoDate("2025-05-01")) // true while open
 */
export function isTaskInForce(task: TemporaryTask, townshipCode: string, date: IsoDate): boolean {
  return taskCoverage(task, townshipCode, date) === "COVERS";
}

/**
 * The task as the ledger stood on `date`: a closing (销号) after the date was not yet recorded.
 * @example taskAsOf(closedInJuly, isoDate("2025-05-01")).closedOn // null
 */
export function taskAsOf(task: TemporaryTask, date: IsoDate): TemporaryTask {
  return task.closedOn !== null && task.closedOn > date
    ? { ...task, closedOn: null, closingNote: null, closingRecordedOn: null }
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
