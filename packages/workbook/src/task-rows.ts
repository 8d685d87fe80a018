import {
  type IsoDate,
  TASK_AUTHORITY_NAMES,
  type TaskAuthority,
  type TemporaryTaskRegistration,
  type TownshipTaskRole,
} from "@dutylist/core";
import { parseDateCell, splitNames } from "./cell-values.ts";
import { ALL_TOWNSHIPS, type ColumnKey, SHEETS } from "./format.ts";
import type { ReferenceData } from "./reference-sheets.ts";
import { bindSheet, type IssueLog, type SheetRecord } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

type TaskRecord = SheetRecord<ColumnKey<"temporaryTasks">>;

// The 临时性工作任务 sheet: the county's temporary-task ledger (L5).

export interface TaskRow {
  readonly record: TaskRecord;
  /** The registration as the row states it; the import adds the day it records it (L2). */
  readonly registration: Omit<TemporaryTaskRegistration, "registeredOn" | "recordedOn">;
  /** 登记日期 (L5), when the row states it. */
  readonly registeredOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  readonly closingNote: string | null;
  /** 销号登记日期: the day the closing was recorded (L2), when the row states it. */
  readonly closingRecordedOn: IsoDate | null;
}

const AUTHORITY_BY_WORD: ReadonlyMap<string, TaskAuthority> = new Map([
  ["县委", "COUNTY_PARTY_COMMITTEE"],
  ["中共县委", "COUNTY_PARTY_COMMITTEE"],
  ["county_party_committee", "COUNTY_PARTY_COMMITTEE"],
  ["县政府", "COUNTY_GOVERNMENT"],
  ["县人民政府", "COUNTY_GOVERNMENT"],
  ["county_government", "COUNTY_GOVERNMENT"],
]);

export const TASK_ROLE_NAMES: Readonly<Record<TownshipTaskRole, string>> = { LEAD: "牵头", ASSIST: "配合" };

const ROLE_BY_WORD: ReadonlyMap<string, TownshipTaskRole> = new Map([
  ["牵头", "LEAD"],
  ["负责", "LEAD"],
  ["lead", "LEAD"],
  ["配合", "ASSIST"],
  ["协助", "ASSIST"],
  ["assist", "ASSIST"],
]);

function date(
  record: TaskRecord,
  key: ColumnKey<"temporaryTasks">,
  required: boolean,
  log: IssueLog,
): IsoDate | null | undefined {
  const value = parseDateCell(record.cell(key));
  if (value === undefined)
    log.add("NOT_A_DATE", record.at(key), `不是日期:“${record.text(key)}”(应如 2025-07-01)`);
  else if (value === null && required) log.add("REQUIRED", record.at(key), "日期不能为空");
  return value;
}

/** The dates of a ledger row, checked in order (开始 ≤ 计划完成, 开始 < 销号 ≤ 销号登记). */
function taskDates(record: TaskRecord, log: IssueLog) {
  const startsOn = date(record, "startsOn", true, log);
  const plannedEndOn = date(record, "plannedEndOn", true, log);
  const closedOn = date(record, "closedOn", false, log);
  const registeredOn = date(record, "registeredOn", false, log);
  const closingRecordedOn = date(record, "closingRecordedOn", false, log);
  if (closedOn && closingRecordedOn && closingRecordedOn < closedOn)
    log.add(
      "MALFORMED_INTERVAL",
      record.at("closingRecordedOn"),
      `销号登记日期 ${closingRecordedOn} 早于销号日期 ${closedOn}`,
      "L2",
    );
  if (startsOn && plannedEndOn && plannedEndOn < startsOn)
    log.add(
      "MALFORMED_INTERVAL",
      record.at("plannedEndOn"),
      `计划完成日期 ${plannedEndOn} 早于开始日期 ${startsOn}`,
    );
  if (startsOn && closedOn && closedOn <= startsOn)
    log.add("MALFORMED_INTERVAL", record.at("closedOn"), `销号日期 ${closedOn} 须晚于开始日期 ${startsOn}`);
  return { startsOn, plannedEndOn, closedOn, registeredOn, closingRecordedOn };
}

function required(record: TaskRecord, key: ColumnKey<"temporaryTasks">, what: string, log: IssueLog): string {
  const text = record.text(key);
  if (text === "") log.add("REQUIRED", record.at(key), `${what}不能为空`, "L5");
  return text;
}

function parseTaskRow(record: TaskRecord, refs: ReferenceData, log: IssueLog): TaskRow | undefined {
  const before = log.size;
  const id = required(record, "id", "任务编号", log);
  const authorityWord = required(record, "authority", "决定机关", log);
  const authority = AUTHORITY_BY_WORD.get(authorityWord.toLowerCase());
  if (authorityWord !== "" && authority === undefined)
    log.add(
      "UNKNOWN_VALUE",
      record.at("authority"),
      `决定机关“${authorityWord}”不能交办临时任务:只能是${Object.values(TASK_AUTHORITY_NAMES).join("或")}`,
      "L5",
    );
  const documentNo = required(record, "documentNo", "决定文号", log);
  const decidedOn = date(record, "decidedOn", true, log);
  const departmentName = required(record, "requestingDepartment", "提出部门", log);
  const requestingDepartment =
    departmentName === ""
      ? undefined
      : refs.departmentNames.resolve(
          departmentName,
          record.at("requestingDepartment"),
          log,
          "UNKNOWN_DEPARTMENT",
        );
  const townshipText = required(record, "townships", "乡镇(街道)", log);
  const townshipCodes =
    townshipText === ALL_TOWNSHIPS
      ? refs.townships.map((t) => t.code)
      : splitNames(townshipText).flatMap((name) => {
          const code = refs.townshipNames.resolve(name, record.at("townships"), log, "UNKNOWN_TOWNSHIP");
          return code === undefined ? [] : [code];
        });
  const content = required(record, "content", "任务内容", log);
  const roleWord = record.text("role");
  const role = roleWord === "" ? "ASSIST" : ROLE_BY_WORD.get(roleWord.toLowerCase());
  if (role === undefined)
    log.add("UNKNOWN_VALUE", record.at("role"), `乡镇角色“${roleWord}”无法识别:应为 牵头 或 配合`);
  const { startsOn, plannedEndOn, closedOn, registeredOn, closingRecordedOn } = taskDates(record, log);
  if (
    log.size > before ||
    authority === undefined ||
    role === undefined ||
    requestingDepartment === undefined ||
    !decidedOn ||
    !startsOn ||
    !plannedEndOn ||
    closedOn === undefined ||
    registeredOn === undefined ||
    closingRecordedOn === undefined
  )
    return undefined;
  return {
    record,
    registration: {
      id,
      decision: { authority, documentNo, title: record.text("title"), decidedOn },
      requestingDepartment,
      townshipCodes,
      content,
      townshipRole: role,
      startsOn,
      plannedEndOn,
    },
    registeredOn,
    closedOn,
    closingNote: closedOn === null ? null : record.text("closingNote"),
    closingRecordedOn: closedOn === null ? null : closingRecordedOn,
  };
}

/**
 * Reads the 临时性工作任务 sheet, logging every problem with its cell; duplicate task ids are
 * reported once each.
 * @example readTaskRows(tables, refs, log)[0]?.registration.id // "QX-TT-2025-01"
 */
export function readTaskRows(
  tables: WorkbookTables,
  refs: ReferenceData,
  log: IssueLog,
): TaskRow[] | undefined {
  const sheet = bindSheet(tables, SHEETS.temporaryTasks, log);
  if (sheet === undefined) return undefined;
  const seen = new Map<string, number>();
  const rows: TaskRow[] = [];
  for (const record of sheet.records) {
    const row = parseTaskRow(record, refs, log);
    if (row === undefined) continue;
    const first = seen.get(row.registration.id);
    if (first !== undefined) {
      log.add(
        "DUPLICATE_CODE",
        record.at("id"),
        `任务编号 ${row.registration.id} 重复(第${first}行已有)`,
        "L5",
      );
      continue;
    }
    seen.set(row.registration.id, record.rowNumber);
    rows.push(row);
  }
  return rows;
}
