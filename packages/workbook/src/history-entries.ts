import type {
  DutyItem,
  EntryTerms,
  InternalAssignment,
  IsoDate,
  ItemContent,
  ListEntry,
  ListPublication,
} from "@dutylist/core";
import type { AdjustmentRow } from "./history-sheets.ts";
import { pairKey } from "./import-support.ts";
import type { ListRow } from "./list-rows.ts";
import { SharedValues } from "./shared-values.ts";
import type { IssueLog } from "./sheet-reader.ts";

// The entries a workbook's list rows make, each with its interval and the publication or
// adjustment that opened (and closed) it (L2). A workbook without 来源/终止依据 columns gives
// every row to the publication in force on its 生效日期, as before the history columns existed.

/** One township's entry of a row, before the adjustment that opened it numbers it. */
export interface RowEntry {
  readonly row: ListRow;
  /** The entry; `id` is final for publication entries, provisional for adjustment ones. */
  entry: ListEntry;
}

export interface HistoryEntries {
  readonly items: DutyItem[];
  /** Entries in force at some time, in row order. */
  readonly entries: RowEntry[];
  /** Rows of pending proposals: the changes they ask for, not entries. */
  readonly proposalRows: ListRow[];
}

export interface HistorySources {
  readonly publications: readonly ListPublication[];
  readonly adjustments: readonly AdjustmentRow[];
}

/** The publication in force on a date (the latest that took effect by then), else the first. */
function publicationOn(publications: readonly ListPublication[], date: IsoDate): ListPublication | undefined {
  let found: ListPublication | undefined;
  for (const p of publications) {
    if (p.effectiveFrom <= date && (found === undefined || p.effectiveFrom >= found.effectiveFrom)) found = p;
  }
  return found ?? [...publications].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
}

/** Checks a row's 终止依据: a known adjustment, whose effective date is the row's end. */
function closingChecks(row: ListRow, sources: HistorySources, log: IssueLog): boolean {
  if (row.closedBy === null) return true;
  const at = row.record;
  let ok = true;
  const closing = sources.adjustments.find((a) => a.id === row.closedBy);
  if (closing === undefined) {
    log.add("UNKNOWN_VALUE", at.at("closedBy"), `终止依据“${row.closedBy}”不是“清单调整”中的调整编号`, "L2");
    ok = false;
  } else if (closing.effectiveFrom !== null && row.effectiveTo !== closing.effectiveFrom) {
    log.add(
      "MALFORMED_INTERVAL",
      at.at("effectiveTo"),
      `失效日期 ${row.effectiveTo ?? "(空)"} 与调整 ${closing.id} 的生效日期 ${closing.effectiveFrom} 不符`,
      "L2",
    );
    ok = false;
  } else if (closing.effectiveFrom === null && row.effectiveTo !== null) {
    log.add(
      "MALFORMED_INTERVAL",
      at.at("effectiveTo"),
      `调整 ${closing.id} 尚未发布:它提议取消的条目不能已有失效日期`,
      "L2",
    );
    ok = false;
  }
  return ok;
}

/** Checks a row's 来源 and 终止依据 against the history sheets; `undefined` after logging. */
function rowSources(
  row: ListRow,
  sources: HistorySources,
  log: IssueLog,
): { openedBy: string; proposal: boolean } | undefined {
  const at = row.record;
  const adjustment = (id: string) => sources.adjustments.find((a) => a.id === id);
  let openedBy = row.openedBy;
  let proposal = false;
  let ok = true;
  if (openedBy === null) {
    openedBy = publicationOn(sources.publications, row.effectiveFrom)?.id ?? null;
  } else {
    const publication = sources.publications.find((p) => p.id === openedBy);
    const opening = adjustment(openedBy);
    if (publication !== undefined) {
      if (row.effectiveFrom < publication.effectiveFrom) {
        log.add(
          "MALFORMED_INTERVAL",
          at.at("effectiveFrom"),
          `生效日期 ${row.effectiveFrom} 早于清单发布 ${openedBy} 的生效日期 ${publication.effectiveFrom}`,
          "L2",
        );
        ok = false;
      }
    } else if (opening !== undefined) {
      proposal = opening.effectiveFrom === null;
      if (!proposal && row.effectiveFrom !== opening.effectiveFrom) {
        log.add(
          "MALFORMED_INTERVAL",
          at.at("effectiveFrom"),
          `生效日期 ${row.effectiveFrom} 与调整 ${openedBy} 的生效日期 ${opening.effectiveFrom} 不符:调整开始的条目自其生效日起有效`,
          "L2",
        );
        ok = false;
      }
    } else {
      log.add(
        "UNKNOWN_VALUE",
        at.at("openedBy"),
        `来源“${openedBy}”不是“清单发布”或“清单调整”中的编号`,
        "L2",
      );
      ok = false;
    }
  }
  if (openedBy === null) {
    log.add(
      "REQUIRED",
      at.at("openedBy"),
      "无法确定该行来自哪次清单发布:请填写来源,或在“清单信息”中填写生效日期",
      "L2",
    );
    return undefined;
  }
  if (!closingChecks(row, sources, log)) ok = false;
  return ok ? { openedBy, proposal } : undefined;
}

/**
 * The catalogue and the entries of the rows: publication entries are `<乡镇>/<事项>` (with
 * `@<生效日期>` when a township has several publication rows of the item), as a county created
 * from a workbook always had; adjustment entries get their ids when their changes are numbered.
 * @example entriesOfHistory("QX", rows, sources, log).entries.length // one per row and township
 */
export function entriesOfHistory(
  countyCode: string,
  rows: readonly ListRow[],
  sources: HistorySources,
  log: IssueLog,
): HistoryEntries {
  const items = new Map<string, DutyItem>();
  const kept: { row: ListRow; openedBy: string; byPublication: boolean }[] = [];
  const proposalRows: ListRow[] = [];
  const publicationIds = new Set(sources.publications.map((p) => p.id));
  const publicationRows = new Map<string, number>();
  const proposals = new Set(sources.adjustments.filter((a) => a.effectiveFrom === null).map((a) => a.id));
  for (const row of rows) {
    const source = rowSources(row, sources, log);
    if (source === undefined) continue;
    if (source.proposal) {
      proposalRows.push(row);
      continue;
    }
    const byPublication = publicationIds.has(source.openedBy);
    kept.push({ row, openedBy: source.openedBy, byPublication });
    if (byPublication)
      for (const t of row.townshipCodes) {
        const key = pairKey(t, row.itemCode);
        publicationRows.set(key, (publicationRows.get(key) ?? 0) + 1);
      }
  }
  // Rows repeat an item's content, terms and assignment for township after township: equal ones
  // are kept as one object (each entry still has its content, L1; amended content stays apart).
  const contents = new SharedValues<ItemContent>();
  const terms = new SharedValues<EntryTerms>();
  const assignments = new SharedValues<InternalAssignment>();
  const entries: RowEntry[] = [];
  for (const { row, openedBy, byPublication } of kept) {
    const content = contents.share(row.itemCode, row.content);
    // The catalogue learns an item from its first row (L1).
    if (!items.has(row.itemCode))
      items.set(row.itemCode, { code: row.itemCode, countyCode, townshipCode: null, content });
    const shared = {
      terms: terms.share(row.itemCode, row.terms),
      assignment: row.assignment === null ? null : assignments.share(row.itemCode, row.assignment),
    };
    for (const townshipCode of row.townshipCodes) {
      const single = byPublication && publicationRows.get(pairKey(townshipCode, row.itemCode)) === 1;
      const id = single
        ? `${townshipCode}/${row.itemCode}`
        : `${townshipCode}/${row.itemCode}@${row.effectiveFrom}`;
      entries.push({
        row,
        entry: {
          id,
          countyCode,
          townshipCode,
          itemCode: row.itemCode,
          terms: shared.terms,
          content,
          assignment: shared.assignment,
          effectiveFrom: row.effectiveFrom,
          effectiveTo: row.effectiveTo,
          openedBy,
          // A removal only proposed (its adjustment not published) has not closed the entry.
          closedBy: row.closedBy !== null && proposals.has(row.closedBy) ? null : row.closedBy,
        },
      });
    }
  }
  return { items: [...items.values()], entries, proposalRows };
}
