// The ledger's operations over a county's dataset (L5): registering and closing temporary tasks.
import { type IsoDate, isIsoDate } from "../base/calendar-date.ts";
import { invalidField, type OperationError } from "../base/domain-error.ts";
import { recordingDateErrors } from "../base/knowledge-time.ts";
import { collect, err, ok, type Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { buildListIndex } from "../lists/list-index.ts";
import {
  type FindResemblancesOptions,
  findResemblances,
  type ResemblanceFlag,
} from "../lists/resemblance.ts";
import { coverageStart, type TemporaryTask } from "./temporary-task.ts";

export type TemporaryTaskRegistration = Omit<
  TemporaryTask,
  "countyCode" | "closedOn" | "closingNote" | "closingRecordedOn"
>;

/**
 * Registers a temporary task in the ledger (L5) after checking the decision, the department,
 * the townships and the dates; flags a task that resembles an item reclaimed from one of its
 * townships (L6), at the county's resemblance threshold when `options` gives it (policy).
 * @example registerTemporaryTask(dataset, { id: "TT-2025-01", decision: { authority: "COUNTY_GOVERNMENT", … }, … })
 */
export function registerTemporaryTask(
  dataset: CountyDataset,
  registration: TemporaryTaskRegistration,
  options: FindResemblancesOptions = {},
): Result<
  {
    readonly dataset: CountyDataset;
    readonly task: TemporaryTask;
    readonly resemblances: readonly ResemblanceFlag[];
  },
  OperationError
> {
  const errors = registrationErrors(dataset, registration);
  const [first, ...rest] = errors;
  if (first !== undefined) return err(first, ...rest);
  const task: TemporaryTask = {
    ...registration,
    countyCode: dataset.county.code,
    closedOn: null,
    closingNote: null,
    closingRecordedOn: null,
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
    coverageStart(task),
    options,
  );
  return ok({
    dataset: { ...dataset, temporaryTasks: [...dataset.temporaryTasks, task] },
    task,
    resemblances,
  });
}

/**
 * Closes (销号) a task on `closedOn` (L5), recorded on `recordedOn` (knowledge time, L2). A closed
 * task stays in the ledger; closing twice, or a closing recorded before the task was, is refused.
 * A closing dated before its recording is kept and reported as recorded late (`changesRecordedLate`).
 * @example closeTemporaryTask(dataset, "TT-2025-01", isoDate("2025-09-30"), "已完成", isoDate("2025-09-30"))
 */
export function closeTemporaryTask(
  dataset: CountyDataset,
  taskId: string,
  closedOn: IsoDate,
  closingNote: string,
  recordedOn: IsoDate,
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
  else if (closedOn > recordedOn)
    errors.push(
      invalidField("closedOn", `销号日期 ${closedOn} 晚于录入日期 ${recordedOn}:不能预先销号(规则L2)`),
    );
  if (isIsoDate(recordedOn) && recordedOn < task.recordedOn)
    errors.push(
      invalidField(
        "recordedOn",
        `销号录入日期 ${recordedOn} 早于任务登记录入日期 ${task.recordedOn}(规则L2)`,
      ),
    );
  const closed: TemporaryTask = { ...task, closedOn, closingNote, closingRecordedOn: recordedOn };
  return collect(errors, {
    dataset: {
      ...dataset,
      temporaryTasks: dataset.temporaryTasks.map((t) => (t.id === taskId ? closed : t)),
    },
    task: closed,
  });
}

/**
 * L5: every problem of a registration against the county — its id, the authorising decision,
 * the requesting department, the townships, the content and the dates — each naming its field.
 * The one check of a task registration, whoever registers (API, workbook, CLI).
 * @example registrationErrors(dataset, { ...registration, townshipCodes: [] })[0]?.message // "临时任务至少涉及一个乡镇"
 */
export function registrationErrors(
  dataset: CountyDataset,
  registration: TemporaryTaskRegistration,
): OperationError[] {
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
  else if (isIsoDate(registration.startsOn) && registration.plannedEndOn < registration.startsOn) {
    errors.push(
      invalidField(
        "plannedEndOn",
        `计划完成日期 ${registration.plannedEndOn} 早于开始日期 ${registration.startsOn}`,
      ),
    );
  }
  errors.push(...registrationDateErrors(registration));
  return errors;
}

// L2, L5: a registration speaks about the day it entered the ledger, and the engine cannot have
// recorded it before that day. A registration recorded after its date is kept and reported as
// recorded late; the task still covers only from the later of its start and its registration.
function registrationDateErrors(registration: TemporaryTaskRegistration): OperationError[] {
  if (!isIsoDate(registration.registeredOn))
    return [invalidField("registeredOn", `不是有效日期:${registration.registeredOn}`)];
  return recordingDateErrors("registeredOn", registration.registeredOn, registration.recordedOn, "登记");
}
