import type { IsoDate } from "./calendar-date.ts";
import type { ListEntry } from "./list-entry.ts";
import { type ListIndex, type ListVersion, listVersionAsOf } from "./list-index.ts";

/** A township's three lists on one date, each sorted by item code. */
export interface TownshipLists {
  readonly townshipCode: string;
  readonly asOf: IsoDate;
  readonly version: ListVersion;
  readonly basic: readonly ListEntry[];
  readonly cooperative: readonly ListEntry[];
  readonly reclaimed: readonly ListEntry[];
}

/**
 * Reconstructs the three lists of a township as they stood on `date` (L2): every entry whose
 * `[effectiveFrom, effectiveTo)` contains the date. Nothing is overwritten, so any past date works.
 * @example listsAsOf(index, "CGZ", isoDate("2025-03-01")).basic.length // 117
 */
export function listsAsOf(index: ListIndex, townshipCode: string, date: IsoDate): TownshipLists {
  const basic: ListEntry[] = [];
  const cooperative: ListEntry[] = [];
  const reclaimed: ListEntry[] = [];
  const items = index.byTownship.get(townshipCode);
  for (const group of items?.values() ?? []) {
    for (const entry of group) {
      if (entry.effectiveFrom > date) break;
      if (entry.effectiveTo !== null && entry.effectiveTo <= date) continue;
      if (entry.terms.type === "BASIC") basic.push(entry);
      else if (entry.terms.type === "COOPERATIVE") cooperative.push(entry);
      else reclaimed.push(entry);
      break;
    }
  }
  const byItem = (a: ListEntry, b: ListEntry) =>
    a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0;
  return {
    townshipCode,
    asOf: date,
    version: listVersionAsOf(index, townshipCode, date),
    basic: basic.sort(byItem),
    cooperative: cooperative.sort(byItem),
    reclaimed: reclaimed.sort(byItem),
  };
}
