import type { IsoDate } from "../base/calendar-date.ts";
import type { ListEntry } from "./list-entry.ts";
import {
  entryAsOf,
  type ListIndex,
  type ListVersion,
  listVersionAsOf,
  positionInForce,
} from "./list-index.ts";

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
 * `[effectiveFrom, effectiveTo)` contains the date, as it was listed that day (`entryAsOf`: a
 * later closure is not shown). Nothing is overwritten, so any past date works.
 * @example listsAsOf(index, "CGZ", isoDate("2025-03-01")).basic.length // 117
 */
export function listsAsOf(index: ListIndex, townshipCode: string, date: IsoDate): TownshipLists {
  const basic: ListEntry[] = [];
  const cooperative: ListEntry[] = [];
  const reclaimed: ListEntry[] = [];
  const items = index.byTownship.get(townshipCode);
  for (const group of items?.values() ?? []) {
    const entry = group[positionInForce(group, date)];
    if (entry === undefined) continue;
    const listed = entryAsOf(entry, date);
    if (listed.terms.type === "BASIC") basic.push(listed);
    else if (listed.terms.type === "COOPERATIVE") cooperative.push(listed);
    else reclaimed.push(listed);
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
