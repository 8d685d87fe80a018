// The adjustment an import records: its title, reason, trigger and approvals, from 清单信息 (L3, L4).
import type { AdjustmentTrigger, Approval, IsoDate, TriggerKind } from "@dutylist/core";
import { INFO_FIELDS } from "./format.ts";
import { fileLocation } from "./import-support.ts";
import type { InfoValues } from "./info-sheet.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

/** The words of 调整依据类型 (L3), as a workbook writes them. */
export const TRIGGER_NAMES: Readonly<Record<TriggerKind, string>> = {
  LAW_CHANGE: "法律法规立改废释",
  SUPERIOR_DEPLOYMENT: "中央和省委省政府部署",
  TOWNSHIP_APPLICATION: "乡镇(街道)申请",
  WORK_NEED: "工作需要",
};

export const TRIGGER_BY_WORD: ReadonlyMap<string, TriggerKind> = new Map([
  ["法律法规立改废释", "LAW_CHANGE"],
  ["law_change", "LAW_CHANGE"],
  ["中央和省委省政府部署", "SUPERIOR_DEPLOYMENT"],
  ["上级部署", "SUPERIOR_DEPLOYMENT"],
  ["superior_deployment", "SUPERIOR_DEPLOYMENT"],
  ["乡镇(街道)申请", "TOWNSHIP_APPLICATION"],
  ["乡镇申请", "TOWNSHIP_APPLICATION"],
  ["township_application", "TOWNSHIP_APPLICATION"],
  ["工作需要", "WORK_NEED"],
  ["work_need", "WORK_NEED"],
]);

export interface AdjustmentTerms {
  readonly title: string;
  readonly reason: string;
  readonly trigger: AdjustmentTrigger;
  readonly publishedOn: IsoDate | null;
  /**
   * The county approval the workbook states; `null` when it states none: the changes are then
   * only proposed (never an approval the workbook does not give).
   */
  readonly county: StatedApproval | null;
  readonly province: StatedApproval | null;
}

/** An approval as the workbook states it; the import adds the day it records it (L2). */
export type StatedApproval = Omit<Approval, "recordedOn">;

const COUNTY_APPROVAL_FIELDS = ["countyAuthority", "countyApprovedOn", "countyDocumentNo"] as const;

export function adjustmentTerms(tables: WorkbookTables, info: InfoValues, log: IssueLog): AdjustmentTerms {
  const word = info.text("trigger");
  const kind = word === null ? "WORK_NEED" : TRIGGER_BY_WORD.get(word.toLowerCase());
  if (kind === undefined)
    log.add(
      "UNKNOWN_VALUE",
      info.at("trigger") ?? fileLocation(tables),
      `调整依据类型“${word}”无法识别:应为 法律法规立改废释、中央和省委省政府部署、乡镇(街道)申请 或 工作需要`,
      "L3",
    );
  const provinceAuthority = info.text("provinceAuthority");
  const provinceApprovedOn = info.date("provinceApprovedOn", log);
  if ((provinceAuthority === null) !== (provinceApprovedOn === null))
    log.add(
      "REQUIRED",
      info.at("provinceAuthority") ?? fileLocation(tables),
      "省级审批机关和省级审批日期须同时填写",
      "L4",
    );
  // L3/L4: an approval is a fact of record; the import takes it from 清单信息 in full or not at all.
  const countyAuthority = info.text("countyAuthority");
  const countyApprovedOn = info.date("countyApprovedOn", log);
  const countyDocumentNo = info.text("countyDocumentNo");
  const given = COUNTY_APPROVAL_FIELDS.filter((f) => info.text(f) !== null);
  if (given.length > 0 && given.length < COUNTY_APPROVAL_FIELDS.length) {
    const missing = COUNTY_APPROVAL_FIELDS.filter((f) => info.text(f) === null).map((f) => INFO_FIELDS[f]);
    log.add(
      "REQUIRED",
      info.at(given[0] ?? "countyAuthority") ?? fileLocation(tables),
      `县级审批须完整填写才能发布调整:缺少 ${missing.join("、")}(三项都不填,则导入只记录为待审批的调整提议)`,
      "L3",
    );
  }
  const documentNo = info.text("documentNo");
  return {
    title: info.text("title") ?? `按 ${tables.source} 调整清单`,
    reason: info.text("reason") ?? `导入清单新版本(${tables.source}),按其与现行清单的差异调整`,
    trigger: {
      kind: kind ?? "WORK_NEED",
      reference: info.text("triggerReference") ?? documentNo ?? tables.source,
    },
    publishedOn: info.date("publishedOn", log),
    county:
      countyAuthority !== null && countyApprovedOn !== null && countyDocumentNo !== null
        ? {
            level: "COUNTY",
            authority: countyAuthority,
            approvedOn: countyApprovedOn,
            documentNo: countyDocumentNo,
          }
        : null,
    province:
      provinceAuthority !== null && provinceApprovedOn !== null
        ? {
            level: "PROVINCE",
            authority: provinceAuthority,
            approvedOn: provinceApprovedOn,
            documentNo: info.text("provinceDocumentNo"),
          }
        : null,
  };
}
