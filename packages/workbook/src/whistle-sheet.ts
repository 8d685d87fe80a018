import type { CountyDataset, WhistleFigures } from "@dutylist/core";
import { type ColumnFormat, type OutputSheet, typedHeader } from "./sheet-table.ts";

const number = (header: string): readonly [string, ColumnFormat] => [header, "number"];

const GROUP_NAMES: Readonly<Record<WhistleFigures["groupBy"], string>> = {
  DEPARTMENT: "部门",
  TOWNSHIP: "乡镇(街道)",
  ITEM: "事项",
};

/**
 * 吹哨报到 (H2): the loop's figures, one row per group — by department only the whistles the lists
 * make it responsible for, by township or item every whistle with those against no department
 * counted. Rates to 4 places, days to 2, as the API presents them (numbers in .xlsx; empty when
 * there is nothing to divide).
 * @example whistleSheet([...byDepartment, ...byTownship], dataset).rows[0]?.[0] // "部门"
 */
export function whistleSheet(figures: readonly WhistleFigures[], dataset: CountyDataset): OutputSheet {
  const names = new Map<string, string>([
    ...dataset.departments.map((d) => [d.code, d.name] as const),
    ...dataset.townships.map((t) => [t.code, t.name] as const),
    ...dataset.items.map((i) => [i.code, i.content.name] as const),
  ]);
  return {
    name: "吹哨报到",
    ...typedHeader([
      ...["分组", "编码", "名称"].map((header) => [header, "text"] as const),
      ...["吹哨数", "按时报到", "逾期报到", "未报到", "确认办结", "待确认", "退回次数"].map(number),
      ...["按时报到率", "办结率", "平均办理天数", "不计入部门"].map(number),
    ]),
    rows: figures.map((f) => [
      GROUP_NAMES[f.groupBy],
      f.code,
      names.get(f.code) ?? f.code,
      f.raised,
      f.answeredInTime,
      f.answeredLate,
      f.unanswered,
      f.confirmed,
      f.awaitingConfirmation,
      f.reopenings,
      f.inTimeRate?.toFixed(4) ?? null,
      f.closureRate?.toFixed(4) ?? null,
      f.averageHandlingDays?.toFixed(2) ?? null,
      f.notAgainstDepartment,
    ]),
  };
}
