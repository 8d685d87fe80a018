import {
  type Determination,
  formatBasis,
  formatInterval,
  LIST_TYPE_NAMES,
  type ListReport,
  ROLE_NAMES,
  type TemporaryTaskView,
  type TownshipLists,
} from "@dutylist/core";
import { renderTable } from "./text-table.ts";

/** What a determination found the matter to be: one of the three lists, a temporary task, or off the lists. */
export const LIST_TYPE_LABELS = {
  ...LIST_TYPE_NAMES,
  TEMPORARY: "临时性工作任务",
  OFF_LIST: "清单外事项",
} as const satisfies Readonly<Record<Determination["listType"], string>>;

/** What a township has not assigned for an item (L7), by the workbook's column names. */
export const ASSIGNMENT_PART_NAMES: Readonly<
  Record<ListReport["unassigned"][number]["missing"][number], string>
> = {
  LEADING_POST: "领办领导",
  OFFICE: "承办股室",
};

/** A determination as a block of text: the question, the list found, one row per party, the explanations. */
export function renderDetermination(title: string, determination: Determination): string {
  const { failure } = determination;
  const subject =
    failure.subject.kind === "ITEM" ? `事项 ${failure.subject.itemCode}` : failure.subject.description;
  const citation = determination.parties[0]?.citations[0];
  const lines = [
    `■ ${title}`,
    `  ${failure.townshipCode} ${failure.date} ${subject} → ${LIST_TYPE_LABELS[determination.listType]}` +
      `  (清单第${determination.listVersion.number}版${determination.listVersion.changeId === null ? "" : `,${determination.listVersion.changeId}`})`,
  ];
  if (citation !== undefined) {
    lines.push(
      `  依据:${citation.itemCode}「${citation.itemName}」${formatInterval({ from: citation.effectiveFrom, to: citation.effectiveTo })} ${formatBasis(citation.basis)}`,
    );
  }
  const rows = determination.parties.map((p) => [
    p.party.name,
    ROLE_NAMES[p.role],
    p.factors.map((f) => `${f.kind === "AGGRAVATING" ? "从重" : "从轻"}:${f.description}`).join(" ") || "—",
    p.ruleIds.join(","),
  ]);
  lines.push(
    renderTable(["当事方", "责任", "情节", "规则"], rows)
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n"),
  );
  for (const p of determination.parties) lines.push(`  · ${p.explanation}`);
  for (const v of determination.violations) lines.push(`  ! ${v.message}`);
  lines.push(`  决定编号 ${determination.decisionId}`);
  return lines.join("\n");
}

/** Counts of a township's three lists on a date. */
export function renderListCounts(
  names: ReadonlyMap<string, string>,
  lists: readonly TownshipLists[],
): string {
  return renderTable(
    ["乡镇(街道)", "日期", "版本", "基本", "配合", "收回"],
    lists.map((l) => [
      names.get(l.townshipCode) ?? l.townshipCode,
      l.asOf,
      `第${l.version.number}版`,
      String(l.basic.length),
      String(l.cooperative.length),
      String(l.reclaimed.length),
    ]),
  );
}

const STATUS_NAMES = {
  NOT_STARTED: "未开始",
  OPEN: "进行中",
  OVERDUE: "逾期未销号",
  CLOSED: "已销号",
} as const;

/** The temporary-task ledger as of a date. */
export function renderLedger(views: readonly TemporaryTaskView[]): string {
  return renderTable(
    ["任务", "内容", "乡镇", "计划完成", "状态"],
    views.map(({ task, status }) => [
      task.id,
      task.content,
      task.townshipCodes.join("、"),
      task.plannedEndOn,
      STATUS_NAMES[status],
    ]),
  );
}

/** The L6/L7 review report. */
export function renderListReport(report: ListReport): string {
  const lines = [`未明确内部承办的事项(规则L7):${report.unassigned.length} 项`];
  for (const u of report.unassigned.slice(0, 10)) {
    lines.push(
      `  ${u.townshipCode} ${u.entry.itemCode}「${u.entry.content.name}」缺:${u.missing.map((m) => ASSIGNMENT_PART_NAMES[m]).join("、")}`,
    );
  }
  lines.push(`疑似明减暗增(规则L6):${report.resemblances.length} 项`);
  for (const r of report.resemblances) lines.push(`  ${r.message}`);
  return lines.join("\n");
}
