import {
  type AdjustmentChange,
  buildListIndex,
  type CountyDataset,
  entryInForce,
  type IsoDate,
  type ListEntry,
  type ListType,
  listsAsOf,
} from "@dutylist/core";
import { SHEETS } from "./format.ts";
import { LIST_SHEETS } from "./list-rows.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { CellLocation } from "./sheet-table.ts";
import type { TaskRow } from "./task-rows.ts";

// What an import must not do behind the user's back (L2: published lists are changed only by
// adjustments someone meant): undo what was recorded after the workbook was exported, or empty
// a township's lists because a sheet was cut short.

/** The share of a township's entries an import may remove without `--confirm-removals`. */
export const DEFAULT_MAX_REMOVAL_SHARE = 0.2;

/** A change the import plans, with the date it takes effect. */
export interface DatedChange {
  readonly date: IsoDate;
  readonly change: AdjustmentChange;
}

const CHANGE_WORDS: Readonly<Record<AdjustmentChange["kind"], string>> = {
  ADD: "新增",
  REMOVE: "取消",
  RECLASSIFY: "调整类型",
  AMEND: "修改",
};

function listName(type: ListType): string {
  return SHEETS[LIST_SHEETS[type]].name;
}

function townshipLabel(dataset: CountyDataset, code: string): string {
  const name = dataset.townships.find((t) => t.code === code)?.name;
  return name === undefined ? code : `${name}(${code})`;
}

/** The stored entry a change acts on: in force on its date, or (an ADD) the last one closed. */
function entryOf(dataset: CountyDataset, index: ReturnType<typeof buildListIndex>, c: DatedChange) {
  const { townshipCode, itemCode } = c.change;
  const current = entryInForce(index, townshipCode, itemCode, c.date);
  if (current !== null) return current;
  const closed = dataset.entries
    .filter((e) => e.townshipCode === townshipCode && e.itemCode === itemCode && e.effectiveTo !== null)
    .sort((a, b) => ((a.effectiveTo ?? "") < (b.effectiveTo ?? "") ? 1 : -1));
  return closed[0] ?? null;
}

/**
 * The refusal of a workbook exported at an older revision of the county than the stored one,
 * when it would change the lists: names the adjustments whose effect it would change back (by
 * id, dates and title), every change, and the temporary tasks recorded since that it does not
 * have (kept: the ledger only grows, L5). Logged at the workbook's 数据版本.
 * @example checkStaleWorkbook(stored, changes, tasks, { workbook: 7n, stored: 9n, asOf, at }, log)
 */
export function checkStaleWorkbook(
  stored: CountyDataset,
  changes: readonly DatedChange[],
  taskRows: readonly TaskRow[],
  revisions: {
    readonly workbook: bigint;
    readonly stored: bigint;
    readonly asOf: IsoDate;
    readonly at: CellLocation;
  },
  log: IssueLog,
): void {
  if (revisions.workbook >= revisions.stored || changes.length === 0) return;
  const index = buildListIndex(stored.entries);
  const adjustments = new Map(stored.adjustments.map((a) => [a.id, a]));
  const undone = new Set<string>();
  const lines = changes.map((c) => {
    const entry = entryOf(stored, index, c);
    const by = c.change.kind === "ADD" ? entry?.closedBy : entry?.openedBy;
    if (by != null && adjustments.has(by)) undone.add(by);
    const name = entry === null ? "" : ` ${entry.content.name}`;
    const list = entry === null ? "" : `${listName(entry.terms.type)} `;
    return `  ${townshipLabel(stored, c.change.townshipCode)} ${list}${c.change.itemCode}${name}:自 ${c.date} 起${CHANGE_WORDS[c.change.kind]}${by == null ? "" : `(现为调整 ${by} 所定)`}`;
  });
  const adjustmentLines = [...undone].flatMap((id) => {
    const a = adjustments.get(id);
    if (a === undefined) return [];
    const when =
      a.publication === null
        ? `提出 ${a.proposedOn},未发布`
        : `发布 ${a.publication.publishedOn},自 ${a.publication.effectiveFrom} 起生效`;
    return [`  调整 ${a.id}(${when})${a.title}`];
  });
  const listed = new Map(taskRows.map((r) => [r.registration.id, r]));
  const taskLines = stored.temporaryTasks
    .filter((t) => {
      const row = listed.get(t.id);
      if (row === undefined) return t.decision.decidedOn <= revisions.asOf;
      return t.closedOn !== null && row.closedOn === null;
    })
    .map(
      (t) =>
        `  临时任务 ${t.id}(${t.decision.decidedOn})${t.decision.title}${t.closedOn === null ? "" : `,已于 ${t.closedOn} 销号`}`,
    );
  log.add(
    "STALE_WORKBOOK",
    revisions.at,
    [
      `工作簿导出自数据版本 ${revisions.workbook},库中该县已是数据版本 ${revisions.stored}:导出之后库中又有调整或登记,按此工作簿导入会把它们改回去(规则L2)。`,
      ...(adjustmentLines.length > 0 ? ["将被撤销效果的调整:", ...adjustmentLines] : []),
      `导入将作出的变更(${changes.length} 项):`,
      ...lines,
      ...(taskLines.length > 0
        ? ["导出之后登记或销号、本工作簿没有的临时任务(导入不会删除):", ...taskLines]
        : []),
      "请先重新导出最新的清单再修改;确需按此工作簿导入,请加 --allow-stale。",
    ].join("\n"),
    "L2",
  );
}

/**
 * The refusal of an import that removes, from a township, more than `maxShare` of its entries in
 * force on the version date or every entry of one of its lists (a sheet cut to its header row):
 * one issue per such township, with the diff (list, item code, name, the date it is removed
 * from), unless `confirmed`.
 * @example checkMassRemoval(stored, changes, { asOf, maxShare: 0.2, confirmed: false, at }, log)
 */
export function checkMassRemoval(
  stored: CountyDataset,
  changes: readonly DatedChange[],
  options: {
    readonly asOf: IsoDate;
    readonly maxShare: number;
    readonly confirmed: boolean;
    readonly at: (list: ListType) => CellLocation;
  },
  log: IssueLog,
): void {
  if (options.confirmed) return;
  const index = buildListIndex(stored.entries);
  const removals = new Map<string, { entry: ListEntry; date: IsoDate }[]>();
  for (const c of changes) {
    if (c.change.kind !== "REMOVE") continue;
    const entry = entryInForce(index, c.change.townshipCode, c.change.itemCode, c.date);
    if (entry === null) continue;
    const list = removals.get(c.change.townshipCode) ?? [];
    list.push({ entry, date: c.date });
    removals.set(c.change.townshipCode, list);
  }
  for (const township of stored.townships) {
    const removed = removals.get(township.code);
    if (removed === undefined) continue;
    const lists = listsAsOf(index, township.code, options.asOf);
    const inForce: Record<ListType, number> = {
      BASIC: lists.basic.length,
      COOPERATIVE: lists.cooperative.length,
      RECLAIMED: lists.reclaimed.length,
    };
    const total = inForce.BASIC + inForce.COOPERATIVE + inForce.RECLAIMED;
    const emptied = (Object.keys(inForce) as ListType[]).filter(
      (type) =>
        inForce[type] > 0 && removed.filter((r) => r.entry.terms.type === type).length >= inForce[type],
    );
    const share = total === 0 ? 1 : removed.length / total;
    if (emptied.length === 0 && share <= options.maxShare) continue;
    const label = townshipLabel(stored, township.code);
    const why = [
      ...emptied.map((type) => `${listName(type)}的全部 ${inForce[type]} 项`),
      ...(share > options.maxShare
        ? [
            `${removed.length} 项,占其 ${options.asOf} 现行 ${total} 项的 ${Math.round(share * 100)}%,超过允许的 ${Math.round(options.maxShare * 100)}%`,
          ]
        : []),
    ];
    const first = emptied[0] ?? removed[0]?.entry.terms.type ?? "BASIC";
    log.add(
      "MASS_REMOVAL",
      options.at(first),
      [
        `乡镇(街道) ${label}:导入将取消${why.join(";并取消 ")}(工作表被截短或漏列?)。将取消的条目:`,
        ...removed.map(
          (r) =>
            `  ${listName(r.entry.terms.type)} ${r.entry.itemCode} ${r.entry.content.name}:自 ${r.date} 起取消`,
        ),
        "确需取消,请加 --confirm-removals(或以 --max-removal-share 调整允许的比例)。",
      ].join("\n"),
      "L2",
    );
  }
}
