import type { Approval, ApprovalLevel, IsoDate, Proposer, TriggerKind } from "@dutylist/core";
import { TRIGGER_BY_WORD, TRIGGER_NAMES } from "./adjustment-terms.ts";
import { parseDateCell } from "./cell-values.ts";
import { type ColumnKey, SHEETS, type SheetSpec } from "./format.ts";
import type { ReferenceData } from "./reference-sheets.ts";
import { bindSheet, IssueLog, type SheetRecord } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

// The history sheets (L2, L3): 清单发布, the county's publications of its lists, and 清单调整,
// its adjustments with their proposer, trigger and approvals. With them and the 来源/终止依据
// columns of the list rows, a workbook carries the county's whole history.

type PublicationRecord = SheetRecord<ColumnKey<"publications">>;
type AdjustmentRecord = SheetRecord<ColumnKey<"adjustments">>;

/** A row of 清单发布. */
export interface PublicationRow {
  readonly record: PublicationRecord;
  readonly id: string;
  readonly title: string;
  readonly documentNo: string | null;
  readonly publishedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  readonly recordedOn: IsoDate | null;
}

/** A row of 清单调整: an adjustment without its changes (the list rows give them). */
export interface AdjustmentRow {
  readonly record: AdjustmentRecord;
  readonly id: string;
  readonly title: string;
  readonly reason: string;
  readonly trigger: { readonly kind: TriggerKind; readonly reference: string };
  readonly proposer: Proposer;
  readonly proposedOn: IsoDate;
  readonly recordedOn: IsoDate | null;
  /** As stated; the import adds the day it records them (L2). */
  readonly approvals: readonly Omit<Approval, "recordedOn">[];
  /** Both set when the adjustment was published; both null for a pending proposal. */
  readonly publishedOn: IsoDate | null;
  readonly effectiveFrom: IsoDate | null;
}

export interface HistorySheets {
  /** `null` without a 清单发布 sheet. */
  readonly publications: readonly PublicationRow[] | null;
  /** `null` without a 清单调整 sheet. */
  readonly adjustments: readonly AdjustmentRow[] | null;
}

const PROPOSER_BY_WORD: ReadonlyMap<string, Proposer> = new Map([
  ["县委", { kind: "COUNTY_PARTY_COMMITTEE" }],
  ["中共县委", { kind: "COUNTY_PARTY_COMMITTEE" }],
  ["county_party_committee", { kind: "COUNTY_PARTY_COMMITTEE" }],
  ["县政府", { kind: "COUNTY_GOVERNMENT" }],
  ["县人民政府", { kind: "COUNTY_GOVERNMENT" }],
  ["county_government", { kind: "COUNTY_GOVERNMENT" }],
]);

/**
 * The 提出单位 of a proposer: 县委, 县政府, or the department's or township's name.
 * @example proposerText({ kind: "COUNTY_GOVERNMENT" }, department, township) // "县政府"
 */
export function proposerText(
  proposer: Proposer,
  departmentName: (code: string) => string,
  townshipName: (code: string) => string,
): string {
  switch (proposer.kind) {
    case "COUNTY_PARTY_COMMITTEE":
      return "县委";
    case "COUNTY_GOVERNMENT":
      return "县政府";
    case "DEPARTMENT":
      return departmentName(proposer.departmentCode);
    case "TOWNSHIP":
      return townshipName(proposer.townshipCode);
  }
}

type DateKey<R> = R extends SheetRecord<infer K> ? K : never;

function dateOf<R extends SheetRecord<string>>(
  record: R,
  key: DateKey<R>,
  required: boolean,
  log: IssueLog,
): IsoDate | null | undefined {
  const value = parseDateCell(record.cell(key));
  if (value === undefined)
    log.add("NOT_A_DATE", record.at(key), `不是日期:“${record.text(key)}”(应如 2025-07-01)`);
  else if (value === null && required) log.add("REQUIRED", record.at(key), "日期不能为空");
  return value;
}

function requiredText<R extends SheetRecord<string>>(record: R, key: DateKey<R>, log: IssueLog): string {
  const text = record.text(key);
  if (text === "") log.add("REQUIRED", record.at(key), `${record.at(key).header ?? key}不能为空`);
  return text;
}

function readPublication(record: PublicationRecord, log: IssueLog): PublicationRow | undefined {
  const before = log.size;
  const id = requiredText(record, "id", log);
  const title = requiredText(record, "title", log);
  const publishedOn = dateOf(record, "publishedOn", true, log);
  const effectiveFrom = dateOf(record, "effectiveFrom", true, log);
  const recordedOn = dateOf(record, "recordedOn", false, log);
  if (log.size > before || publishedOn == null || effectiveFrom == null || recordedOn === undefined) return;
  return {
    record,
    id,
    title,
    documentNo: record.text("documentNo") || null,
    publishedOn,
    effectiveFrom,
    recordedOn,
  };
}

function readProposer(record: AdjustmentRecord, refs: ReferenceData, log: IssueLog): Proposer | undefined {
  const text = record.text("proposer");
  if (text === "") return undefined; // reported as required
  const fixed = PROPOSER_BY_WORD.get(text.toLowerCase());
  if (fixed !== undefined) return fixed;
  // Tried as a department, then as a township: a miss is only reported once, below.
  const silent = new IssueLog();
  const at = record.at("proposer");
  const department = refs.departmentNames.resolve(text, at, silent, "UNKNOWN_DEPARTMENT");
  if (department !== undefined) return { kind: "DEPARTMENT", departmentCode: department };
  const township = refs.townshipNames.resolve(text, at, silent, "UNKNOWN_TOWNSHIP");
  if (township !== undefined) return { kind: "TOWNSHIP", townshipCode: township };
  log.add(
    "UNKNOWN_VALUE",
    at,
    `提出单位“${text}”无法识别:应为 县委、县政府,或一个部门、乡镇(街道)的名称或编码`,
    "L3",
  );
  return undefined;
}

const APPROVAL_COLUMNS = {
  COUNTY: ["countyAuthority", "countyApprovedOn", "countyDocumentNo"],
  PROVINCE: ["provinceAuthority", "provinceApprovedOn", "provinceDocumentNo"],
} as const;

function readApproval(
  record: AdjustmentRecord,
  level: ApprovalLevel,
  log: IssueLog,
): Omit<Approval, "recordedOn"> | null | undefined {
  const [authorityKey, dateKey, documentKey] = APPROVAL_COLUMNS[level];
  const authority = record.text(authorityKey);
  const approvedOn = dateOf(record, dateKey, false, log);
  if (approvedOn === undefined) return undefined;
  if ((authority === "") !== (approvedOn === null)) {
    const missing = authority === "" ? authorityKey : dateKey;
    log.add(
      "REQUIRED",
      record.at(missing),
      "审批机关和审批日期须同时填写(审批是记录在案的事实,不能只写一半)",
      "L3",
    );
    return undefined;
  }
  if (approvedOn === null) return null;
  return { level, authority, approvedOn, documentNo: record.text(documentKey) || null };
}

function readAdjustment(
  record: AdjustmentRecord,
  refs: ReferenceData,
  log: IssueLog,
): AdjustmentRow | undefined {
  const before = log.size;
  const id = requiredText(record, "id", log);
  const title = requiredText(record, "title", log);
  const reason = requiredText(record, "reason", log);
  const reference = requiredText(record, "triggerReference", log);
  requiredText(record, "proposer", log);
  const word = record.text("trigger");
  const kind = word === "" ? "WORK_NEED" : TRIGGER_BY_WORD.get(word.toLowerCase());
  if (kind === undefined)
    log.add(
      "UNKNOWN_VALUE",
      record.at("trigger"),
      `调整依据类型“${word}”无法识别:应为 ${Object.values(TRIGGER_NAMES).join("、")}`,
      "L3",
    );
  const proposer = readProposer(record, refs, log);
  const proposedOn = dateOf(record, "proposedOn", true, log);
  const recordedOn = dateOf(record, "recordedOn", false, log);
  const county = readApproval(record, "COUNTY", log);
  const province = readApproval(record, "PROVINCE", log);
  const publishedOn = dateOf(record, "publishedOn", false, log);
  const effectiveFrom = dateOf(record, "effectiveFrom", false, log);
  if (
    publishedOn !== undefined &&
    effectiveFrom !== undefined &&
    (publishedOn === null) !== (effectiveFrom === null)
  )
    log.add(
      "REQUIRED",
      record.at(publishedOn === null ? "publishedOn" : "effectiveFrom"),
      "已发布的调整须同时填写发布日期和生效日期;待审批的提议两项都不填",
      "L3",
    );
  else if (publishedOn != null && effectiveFrom != null && effectiveFrom < publishedOn)
    log.add(
      "MALFORMED_INTERVAL",
      record.at("effectiveFrom"),
      `生效日期 ${effectiveFrom} 早于发布日期 ${publishedOn}:调整不能追溯生效`,
      "A9",
    );
  if (
    log.size > before ||
    kind === undefined ||
    proposer === undefined ||
    proposedOn == null ||
    recordedOn === undefined ||
    county === undefined ||
    province === undefined ||
    publishedOn === undefined ||
    effectiveFrom === undefined
  )
    return undefined;
  return {
    record,
    id,
    title,
    reason,
    trigger: { kind, reference },
    proposer,
    proposedOn,
    recordedOn,
    approvals: [county, province].filter((a) => a !== null),
    publishedOn,
    effectiveFrom,
  };
}

function readRows<K extends string, T>(
  tables: WorkbookTables,
  spec: SheetSpec<K>,
  log: IssueLog,
  read: (record: SheetRecord<K>) => T | undefined,
): T[] | null {
  const sheet = bindSheet(tables, spec, log);
  if (sheet === undefined) return null;
  return sheet.records.flatMap((record) => {
    const row = read(record);
    return row === undefined ? [] : [row];
  });
}

/**
 * Reads 清单发布 and 清单调整, when the workbook has them; every problem is logged at its cell,
 * an id used twice (across both sheets) too.
 * @example readHistorySheets(tables, refs, log).adjustments?.length // 4 for the sample workbook
 */
export function readHistorySheets(tables: WorkbookTables, refs: ReferenceData, log: IssueLog): HistorySheets {
  const publications = readRows(tables, SHEETS.publications, log, (r) => readPublication(r, log));
  const adjustments = readRows(tables, SHEETS.adjustments, log, (r) => readAdjustment(r, refs, log));
  const seen = new Set<string>();
  for (const row of [...(publications ?? []), ...(adjustments ?? [])]) {
    if (seen.has(row.id))
      log.add("DUPLICATE_CODE", row.record.at("id"), `编号 ${row.id} 重复:每次发布、每项调整一个编号`);
    seen.add(row.id);
  }
  return { publications, adjustments };
}
