import { addDays, daysBetween } from "../base/calendar-date.ts";
import {
  type CountyDataset,
  closeTemporaryTask,
  type IsoDate,
  registerTemporaryTask,
  type TaskAuthority,
  type TemporaryTaskRegistration,
} from "../index.ts";
import { lastDayOfYear } from "./calendar-days.ts";
import type { CountyContext } from "./catalogue.ts";
import { expectAccepted } from "./list-history.ts";
import type { Random } from "./random.ts";
import { TEMPORARY_TASK_CONTENTS } from "./vocabulary.ts";

export interface SyntheticTasksOptions {
  readonly random: Random;
  readonly context: CountyContext;
  readonly baselineDate: IsoDate;
}

const CLOSING_NOTES: readonly string[] = ["已完成", "任务目标已实现,予以销号", "已按期完成并报送总结"];

/**
 * Registers `count` temporary tasks (L5) starting in the baseline's year through
 * `registerTemporaryTask`, and closes about half of them (some after their planned end), so the
 * ledger holds open, closed and, depending on the date asked, overdue tasks.
 * @example registerSyntheticTemporaryTasks(dataset, 6, { random, context, baselineDate }).temporaryTasks.length // 6
 */
export function registerSyntheticTemporaryTasks(
  dataset: CountyDataset,
  count: number,
  options: SyntheticTasksOptions,
): CountyDataset {
  if (count === 0 || dataset.townships.length === 0 || dataset.departments.length === 0) return dataset;
  const { random, context, baselineDate } = options;
  const room = Math.max(1, daysBetween(baselineDate, lastDayOfYear(baselineDate)));
  const width = Math.max(2, String(count).length);
  const townshipCodes = dataset.townships.map((t) => t.code);
  let current = dataset;
  for (let i = 0; i < count; i++) {
    const startsOn = addDays(baselineDate, random.int(1, room));
    const plannedDays = random.int(14, 90);
    const decidedOn = addDays(startsOn, -random.int(0, 10));
    const authority: TaskAuthority = random.chance(0.5) ? "COUNTY_PARTY_COMMITTEE" : "COUNTY_GOVERNMENT";
    const content = random.pick(TEMPORARY_TASK_CONTENTS);
    const townships = random.chance(0.2)
      ? townshipCodes
      : random.sample(townshipCodes, random.int(1, Math.min(5, townshipCodes.length))).sort();
    const registration: TemporaryTaskRegistration = {
      id: `${context.countyCode}-TT-${baselineDate.slice(0, 4)}-${String(i + 1).padStart(width, "0")}`,
      decision: {
        authority,
        documentNo: `${context.countyShortName}${authority === "COUNTY_PARTY_COMMITTEE" ? "委办" : "政办"}〔${decidedOn.slice(0, 4)}〕${i + 1}号`,
        title: `关于开展${content}工作的通知`,
        decidedOn,
      },
      requestingDepartment: random.pick(context.departments).code,
      townshipCodes: townships,
      content,
      townshipRole: random.chance(0.6) ? "LEAD" : "ASSIST",
      startsOn,
      plannedEndOn: addDays(startsOn, plannedDays),
      // Registered (and entered) on the day of the decision, before the start (L5, 登记在前).
      registeredOn: decidedOn,
      recordedOn: decidedOn,
    };
    current = expectAccepted(
      registerTemporaryTask(current, registration),
      `temporary task ${registration.id}`,
    ).dataset;
    if (random.chance(0.5)) {
      const closedOn = addDays(startsOn, random.int(1, plannedDays + 30));
      const note = random.pick(CLOSING_NOTES);
      current = expectAccepted(
        closeTemporaryTask(current, registration.id, closedOn, note, closedOn),
        `closing temporary task ${registration.id}`,
      ).dataset;
    }
  }
  return current;
}
