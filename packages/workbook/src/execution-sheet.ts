import {
  type AssessmentRecords,
  buildDirectory,
  type CountyDataset,
  checkGuaranteeDelivery,
  checkPushDownReport,
  checkUnattendedReport,
  checkWhistleRequest,
  GUARANTEE_KIND_NAMES,
  GUARANTEE_KINDS,
  type GuaranteeKind,
  type IsoDate,
  type RecordCheckContext,
} from "@dutylist/core";
import { parseDateCell } from "./cell-values.ts";
import { type ColumnKey, SHEETS } from "./format.ts";
import { logRecordProblems } from "./record-issues.ts";
import { sameJson } from "./shared-values.ts";
import { bindSheet, type IssueLog, NameDirectory, type SheetRecord } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookTables } from "./sheet-table.ts";

// 履职执行记录: the records S5 and H2 count that no other sheet carries — whistles (吹哨报到),
// guarantee deliveries (履职保障), push-down reports (擅自转嫁) and unattended reports (收回缺位),
// one row each. A county's whole workbook (the sample) writes them, so that importing it scores
// its departments as the county itself does.

/** The four kinds of execution records. */
export type ExecutionRecords = Pick<
  AssessmentRecords,
  "whistles" | "guarantees" | "pushDowns" | "unattended"
>;

type Kind = keyof ExecutionRecords;
type Row = SheetRecord<ColumnKey<"executionRecords">>;

const KIND_NAMES: Readonly<Record<Kind, string>> = {
  whistles: "吹哨报到",
  guarantees: "履职保障",
  pushDowns: "擅自转嫁",
  unattended: "收回缺位",
};
const KIND_BY_NAME = new Map(Object.entries(KIND_NAMES).map(([kind, name]) => [name, kind as Kind]));
const GUARANTEE_BY_NAME = new Map(GUARANTEE_KINDS.map((k) => [GUARANTEE_KIND_NAMES[k], k] as const));

/** The fields of each kind's checks, at their columns. */
const COLUMNS = {
  id: "id",
  townshipCode: "township",
  departmentCode: "department",
  itemCode: "itemCode",
  raisedOn: "date",
  dueBy: "date",
  date: "date",
  timeLimitDays: "timeLimitDays",
  answeredOn: "doneOn",
  deliveredOn: "doneOn",
  kind: "guaranteeKind",
  matter: "matter",
  countyCode: "id",
  recordedOn: "id",
  answerRecordedOn: "doneOn",
} as const;

/**
 * The records as rows of 履职执行记录, whistles first; parties by name.
 * @example executionSheet(generateRecords(plan, demoCounty(), { seed: 2025 }), demoCounty()).rows.length
 */
export function executionSheet(records: ExecutionRecords, dataset: CountyDataset): OutputSheet {
  const spec = SHEETS.executionRecords;
  const names = new Map([...dataset.townships, ...dataset.departments].map((p) => [p.code, p.name]));
  const name = (code: string) => names.get(code) ?? code;
  const rows: Cell[][] = [];
  const row = (kind: Kind, values: Readonly<Record<string, Cell>>) =>
    rows.push(
      spec.columns.map((c) =>
        c.key === "no" ? rows.length + 1 : c.key === "kind" ? KIND_NAMES[kind] : (values[c.key] ?? null),
      ),
    );
  for (const w of records.whistles)
    row("whistles", {
      id: w.id,
      township: name(w.townshipCode),
      department: name(w.departmentCode),
      itemCode: w.itemCode,
      date: w.raisedOn,
      timeLimitDays: w.timeLimitDays,
      doneOn: w.answeredOn,
    });
  for (const g of records.guarantees)
    row("guarantees", {
      id: g.id,
      township: name(g.townshipCode),
      department: name(g.departmentCode),
      itemCode: g.itemCode,
      date: g.dueBy,
      doneOn: g.deliveredOn,
      guaranteeKind: GUARANTEE_KIND_NAMES[g.kind],
    });
  for (const p of records.pushDowns)
    row("pushDowns", {
      id: p.id,
      township: name(p.townshipCode),
      department: name(p.departmentCode),
      date: p.date,
      matter: p.matter,
    });
  for (const u of records.unattended)
    row("unattended", {
      id: u.id,
      township: name(u.townshipCode),
      department: name(u.departmentCode),
      itemCode: u.itemCode,
      date: u.date,
    });
  return { name: spec.name, header: spec.columns.map((c) => c.header), rows };
}

function dateOf(row: Row, key: "date" | "doneOn", log: IssueLog): IsoDate | null | undefined {
  const value = parseDateCell(row.cell(key));
  if (value === undefined) log.add("NOT_A_DATE", row.at(key), `不是日期:“${row.text(key)}”(应如 2025-07-01)`);
  return value;
}

interface Parties {
  readonly townships: NameDirectory;
  readonly departments: NameDirectory;
  readonly context: RecordCheckContext;
}

/** The record of a row's kind, checked by the core's check of that kind (S5, H2). */
function recordOf(
  kind: Kind,
  row: Row,
  fields: {
    readonly id: string;
    readonly countyCode: string;
    readonly townshipCode: string | undefined;
    readonly departmentCode: string | undefined;
    readonly itemCode: string;
    readonly date: IsoDate | null | undefined;
    readonly doneOn: IsoDate | null | undefined;
  },
  parties: Parties,
  log: IssueLog,
): ExecutionRecords[Kind][number] {
  const { itemCode, date, doneOn, ...base } = fields;
  switch (kind) {
    case "whistles": {
      const limit = Number(row.text("timeLimitDays"));
      const draft = {
        ...base,
        itemCode,
        raisedOn: date ?? undefined,
        timeLimitDays: row.text("timeLimitDays") === "" ? undefined : limit,
        answeredOn: doneOn,
      };
      logRecordProblems(row, checkWhistleRequest(draft, parties.context), COLUMNS, log);
      if (draft.timeLimitDays === undefined)
        log.add("REQUIRED", row.at("timeLimitDays"), "吹哨报到须写明报到时限(天)", "H2");
      return {
        ...base,
        itemCode,
        raisedOn: date,
        timeLimitDays: limit,
        answeredOn: doneOn,
      } as ExecutionRecords["whistles"][number];
    }
    case "guarantees": {
      const guarantee: GuaranteeKind | undefined = GUARANTEE_BY_NAME.get(row.text("guaranteeKind"));
      if (guarantee === undefined)
        log.add(
          "UNKNOWN_VALUE",
          row.at("guaranteeKind"),
          `保障类别“${row.text("guaranteeKind")}”无法识别:应为 ${Object.values(GUARANTEE_KIND_NAMES).join("、")}`,
          "S5",
        );
      const draft = { ...base, itemCode, kind: guarantee, dueBy: date ?? undefined, deliveredOn: doneOn };
      logRecordProblems(row, checkGuaranteeDelivery(draft, parties.context), COLUMNS, log);
      return draft as ExecutionRecords["guarantees"][number];
    }
    case "pushDowns": {
      const draft = { ...base, date: date ?? undefined, matter: row.text("matter") };
      logRecordProblems(row, checkPushDownReport(draft, parties.context), COLUMNS, log);
      return draft as ExecutionRecords["pushDowns"][number];
    }
    case "unattended": {
      const draft = { ...base, itemCode, date: date ?? undefined };
      logRecordProblems(row, checkUnattendedReport(draft, parties.context), COLUMNS, log);
      return draft as ExecutionRecords["unattended"][number];
    }
  }
}

/** One row read and checked by the core's check of its kind; `undefined` after logging. */
function readRow(
  row: Row,
  parties: Parties,
  log: IssueLog,
): { kind: Kind; record: ExecutionRecords[Kind][number] } | undefined {
  const before = log.size;
  const kind = KIND_BY_NAME.get(row.text("kind"));
  if (kind === undefined) {
    log.add(
      "UNKNOWN_VALUE",
      row.at("kind"),
      `类型“${row.text("kind")}”无法识别:应为 ${Object.values(KIND_NAMES).join("、")}`,
      "S5",
    );
    return undefined;
  }
  const id = row.text("id");
  if (id === "") log.add("REQUIRED", row.at("id"), "记录编号不能为空");
  const townshipCode = parties.townships.resolve(
    row.text("township"),
    row.at("township"),
    log,
    "UNKNOWN_TOWNSHIP",
  );
  const departmentCode = parties.departments.resolve(
    row.text("department"),
    row.at("department"),
    log,
    "UNKNOWN_DEPARTMENT",
  );
  const date = dateOf(row, "date", log);
  if (date === null) log.add("REQUIRED", row.at("date"), "日期不能为空");
  const doneOn = dateOf(row, "doneOn", log);
  const base = { id, countyCode: parties.context.countyCode, townshipCode, departmentCode };
  const itemCode = row.text("itemCode");
  const record = recordOf(kind, row, { ...base, itemCode, date, doneOn }, parties, log);
  return log.size === before ? { kind, record } : undefined;
}

/** A record as compared with the stored one: what it states, not when it was recorded. */
function stated(record: object): object {
  const {
    recordedOn: _r,
    answerRecordedOn: _a,
    ...rest
  } = record as { recordedOn?: unknown; answerRecordedOn?: unknown };
  return rest;
}

/**
 * Reads 履职执行记录 against the county: each row checked by the core's check of its kind (S5,
 * H2); a record already stored with the same content is skipped, with other content refused (a
 * record is a fact); an id used twice is refused. `null` without the sheet.
 * @example readExecutionSheet(tables, dataset, stored, log)?.whistles.length
 */
export function readExecutionSheet(
  tables: WorkbookTables,
  dataset: CountyDataset,
  stored: ExecutionRecords | undefined,
  log: IssueLog,
): ExecutionRecords | null {
  const sheet = bindSheet(tables, SHEETS.executionRecords, log);
  if (sheet === undefined) return null;
  const parties: Parties = {
    townships: new NameDirectory("乡镇(街道)", dataset.townships),
    departments: new NameDirectory("部门", dataset.departments),
    context: { countyCode: dataset.county.code, directory: buildDirectory(dataset) },
  };
  const known = new Map<string, object>();
  for (const kind of Object.keys(KIND_NAMES) as Kind[])
    for (const r of stored?.[kind] ?? []) known.set(`${kind}\u0000${r.id}`, stated(r));
  const seen = new Set<string>();
  const fresh: { [K in Kind]: ExecutionRecords[K][number][] } = {
    whistles: [],
    guarantees: [],
    pushDowns: [],
    unattended: [],
  };
  for (const row of sheet.records) {
    const read = readRow(row, parties, log);
    if (read === undefined) continue;
    const key = `${read.kind}\u0000${read.record.id}`;
    if (seen.has(key)) {
      log.add("DUPLICATE_CODE", row.at("id"), `记录编号 ${read.record.id} 重复`);
      continue;
    }
    seen.add(key);
    const before = known.get(key);
    if (before === undefined) (fresh[read.kind] as object[]).push(read.record);
    else if (!sameJson(before, stated(read.record)))
      log.add(
        "HISTORY_CONFLICT",
        row.at("id"),
        `记录 ${read.record.id} 已存储,内容与本行不同:记录只增不改`,
        "L2",
      );
  }
  return fresh;
}
