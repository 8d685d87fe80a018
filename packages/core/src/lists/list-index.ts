import type { IsoDate } from "../base/calendar-date.ts";
import type { ListEntry } from "./list-entry.ts";

/** A change that touched a township's lists: the publication or adjustment, and when it took effect. */
export interface ListChangeEvent {
  readonly changeId: string;
  readonly effectiveFrom: IsoDate;
}

/**
 * The version of a township's lists in force on a date: the number of changes that had taken
 * effect by then (the baseline publication is version 1) and the latest of them.
 */
export interface ListVersion {
  readonly townshipCode: string;
  readonly number: number;
  readonly changeId: string | null;
  readonly effectiveFrom: IsoDate | null;
}

/**
 * Entries grouped by township and item, each group sorted by `effectiveFrom`, and each township's
 * change events in order. Built once per dataset; every "as of" question is then a lookup (L2).
 */
export interface ListIndex {
  readonly byTownship: ReadonlyMap<string, ReadonlyMap<string, readonly ListEntry[]>>;
  readonly changes: ReadonlyMap<string, readonly ListChangeEvent[]>;
}

function compareEvents(a: ListChangeEvent, b: ListChangeEvent): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? -1 : 1;
  return a.changeId < b.changeId ? -1 : a.changeId > b.changeId ? 1 : 0;
}

/**
 * Indexes entries for lookups by (township, item, date). Input order does not matter.
 * @example entryInForce(buildListIndex(dataset.entries), "CGZ", "JB-001", isoDate("2025-03-01"))
 */
export function buildListIndex(entries: readonly ListEntry[]): ListIndex {
  const byTownship = new Map<string, Map<string, ListEntry[]>>();
  const changeIds = new Map<string, Map<string, IsoDate>>();
  const noteChange = (township: string, changeId: string, date: IsoDate) => {
    let seen = changeIds.get(township);
    if (seen === undefined) {
      seen = new Map();
      changeIds.set(township, seen);
    }
    const known = seen.get(changeId);
    if (known === undefined || date < known) seen.set(changeId, date);
  };
  for (const entry of entries) {
    let items = byTownship.get(entry.townshipCode);
    if (items === undefined) {
      items = new Map();
      byTownship.set(entry.townshipCode, items);
    }
    const group = items.get(entry.itemCode);
    if (group === undefined) items.set(entry.itemCode, [entry]);
    else group.push(entry);
    noteChange(entry.townshipCode, entry.openedBy, entry.effectiveFrom);
    if (entry.closedBy !== null && entry.effectiveTo !== null) {
      noteChange(entry.townshipCode, entry.closedBy, entry.effectiveTo);
    }
  }
  for (const items of byTownship.values()) {
    for (const group of items.values()) {
      group.sort((a, b) =>
        a.effectiveFrom !== b.effectiveFrom
          ? a.effectiveFrom < b.effectiveFrom
            ? -1
            : 1
          : a.id < b.id
            ? -1
            : 1,
      );
    }
  }
  const changes = new Map<string, ListChangeEvent[]>();
  for (const [township, seen] of changeIds) {
    const events = [...seen].map(([changeId, effectiveFrom]) => ({ changeId, effectiveFrom }));
    changes.set(township, events.sort(compareEvents));
  }
  return { byTownship, changes };
}

/**
 * A9, L1 — the one definition of "the entry in force": among one (township, item)'s entries,
 * sorted by `effectiveFrom` as the index keeps them, the position of the entry whose half-open
 * interval `[effectiveFrom, effectiveTo)` holds `date`, or -1. A well-formed dataset has at most
 * one; with overlaps (refused at publication) the earliest wins. Every lookup of the entry in
 * force — `entryInForce`, determinations, scoring — goes through it.
 * @example positionInForce(entryHistory(index, "QX-CG", "CJ-001"), isoDate("2025-07-01")) // 1
 */
export function positionInForce(entries: readonly ListEntry[], date: IsoDate): number {
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position];
    if (entry === undefined || entry.effectiveFrom > date) break;
    if (entry.effectiveTo === null || date < entry.effectiveTo) return position;
  }
  return -1;
}

/**
 * The entry putting `itemCode` on one of the township's lists on `date`, or `null` (L1, A9;
 * `positionInForce` among the item's entries).
 * @example entryInForce(index, "QX-CG", "CJ-001", isoDate("2025-07-01"))?.terms.type // "RECLAIMED"
 */
export function entryInForce(
  index: ListIndex,
  townshipCode: string,
  itemCode: string,
  date: IsoDate,
): ListEntry | null {
  const group = index.byTownship.get(townshipCode)?.get(itemCode);
  if (group === undefined) return null;
  return group[positionInForce(group, date)] ?? null;
}

/** Answers "the entry in force" (A9) for a (township, item, date): the index, or a cursor over it. */
export interface EntryLookup {
  inForce(townshipCode: string, itemCode: string, date: IsoDate): ListEntry | null;
}

/**
 * The index as an `EntryLookup` (each question `entryInForce`).
 * @example judgeInYear(record, indicator, lookupIn(index), yearBounds(2025))
 */
export function lookupIn(index: ListIndex): EntryLookup {
  return { inForce: (townshipCode, itemCode, date) => entryInForce(index, townshipCode, itemCode, date) };
}

/**
 * The entry as the lists stood on `date` (L2, A9): a closure by an adjustment that took effect
 * after the date was not part of that day's lists, so it is left out. An end date the entry was
 * published with (no `closedBy`) stays.
 * @example entryAsOf(basicUntilJuly, isoDate("2025-05-20")).effectiveTo // null
 */
export function entryAsOf(entry: ListEntry, date: IsoDate): ListEntry {
  return closedAfter(entry, date) ? { ...entry, effectiveTo: null, closedBy: null } : entry;
}

/**
 * Whether an adjustment closed the entry after `date`: then the lists of that day held it open
 * (`entryAsOf` leaves the closing out).
 * @example closedAfter(basicUntilJuly, isoDate("2025-05-20")) // true
 */
export function closedAfter(entry: ListEntry, date: IsoDate): boolean {
  return entry.closedBy !== null && entry.effectiveTo !== null && entry.effectiveTo > date;
}

/**
 * Every entry the township's lists ever held for the item, oldest first.
 * @example entryHistory(index, "QX-CG", "CJ-001").map((e) => e.terms.type) // ["BASIC", "RECLAIMED"]
 */
export function entryHistory(index: ListIndex, townshipCode: string, itemCode: string): readonly ListEntry[] {
  return index.byTownship.get(townshipCode)?.get(itemCode) ?? [];
}

/**
 * The version of the township's lists in force on `date`.
 * @example listVersionAsOf(index, "CGZ", isoDate("2025-08-01")) // { number: 2, changeId: "ADJ-2025-01", … }
 */
export function listVersionAsOf(index: ListIndex, townshipCode: string, date: IsoDate): ListVersion {
  const events = index.changes.get(townshipCode) ?? [];
  const lo = versionNumberIn(events, date);
  const latest = events[lo - 1];
  return {
    townshipCode,
    number: lo,
    changeId: latest?.changeId ?? null,
    effectiveFrom: latest?.effectiveFrom ?? null,
  };
}

/**
 * The number of the version of the township's lists in force on `date` (`listVersionAsOf(…).number`),
 * without building the version.
 * @example listVersionNumber(index, "CGZ", isoDate("2025-08-01")) // 2
 */
export function listVersionNumber(index: ListIndex, townshipCode: string, date: IsoDate): number {
  return versionNumberIn(index.changes.get(townshipCode) ?? [], date);
}

/** How many of the events (in order) had taken effect by `date`. */
function versionNumberIn(events: readonly ListChangeEvent[], date: IsoDate): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const event = events[mid];
    if (event !== undefined && event.effectiveFrom <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
