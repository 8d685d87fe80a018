// A speed structure over the list index: the entry in force (A9) for runs of lookups on one item.
import type { IsoDate } from "../base/calendar-date.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { type EntryLookup, type ListIndex, positionInForce } from "../lists/list-index.ts";

/**
 * `entryInForce` for a run of lookups that mostly repeat the (township, item) of the one before,
 * as a year's records do (a series per item): the item's entries are looked up once per run, and
 * each date is judged by `positionInForce`, the one definition of A9.
 * @example const cursor = new EntryCursor(index); cursor.inForce("QX-CG", "PA-002", isoDate("2025-03-01"))
 */
export class EntryCursor implements EntryLookup {
  private township: string | null = null;
  private item: string | null = null;
  private group: readonly ListEntry[] | undefined;

  constructor(private readonly index: ListIndex) {}

  /** The entry in force, as `entryInForce(index, townshipCode, itemCode, date)`. */
  inForce(townshipCode: string, itemCode: string, date: IsoDate): ListEntry | null {
    if (townshipCode !== this.township || itemCode !== this.item) {
      this.township = townshipCode;
      this.item = itemCode;
      this.group = this.index.byTownship.get(townshipCode)?.get(itemCode);
    }
    const group = this.group;
    if (group === undefined) return null;
    return group[positionInForce(group, date)] ?? null;
  }
}
