import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { entryDepartments, type ListEntry, type ListType } from "./list-entry.ts";

// The lists of an assessment year, read once for plan validation (S1): per item, the townships
// and list types it had on some day of the year; per list type and category, what a selector matches.

// One bit per list type, so an item's types in a township are one small number (L1).
export const TYPE_BITS: Readonly<Record<ListType, number>> = { BASIC: 1, COOPERATIVE: 2, RECLAIMED: 4 };

/** One item's place on the lists during the plan's year. */
export interface ItemYear {
  readonly code: string;
  /** By township number, the list types (`TYPE_BITS`) the item had there on some day of the year. */
  byTownship: Uint8Array;
  /** The union of those types. */
  types: number;
  /** Departments it is reclaimed to or that lead it as a cooperative item during the year. */
  readonly departments: string[];
  /** Its reclaimed entries overlapping the year, to say where and since when. */
  readonly reclaimedEntries: ListEntry[];
}

/** What the entries of the year of one list type and category match. */
export interface SelectorYear {
  readonly items: Set<ItemYear>;
  /** Township numbers. */
  readonly townships: Set<number>;
  readonly departments: Set<string>;
}

/**
 * The lists of the plan's year, read once: townships are numbered so that each entry costs a few
 * lookups and no string keys are built.
 */
export interface YearLists {
  readonly from: IsoDate;
  /** The day after the year. */
  readonly end: IsoDate;
  /** Township codes by number. */
  readonly townshipCodes: readonly string[];
  readonly items: ReadonlyMap<string, ItemYear>;
  /** Per list type, per category; a selector with no category is their union. */
  readonly selectors: ReadonlyMap<ListType, ReadonlyMap<string, SelectorYear>>;
}

export function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One pass over the entries: per item the townships and types it had during `[from, to)`, and
 * per list type and category the items, townships and departments. Everything per indicator is
 * then a lookup, so a province (1,237 townships × 340 entries) is read once, not per indicator.
 */
export function listsOfYear(dataset: CountyDataset, from: IsoDate, to: IsoDate): YearLists {
  const townshipCodes = dataset.townships.map((t) => t.code);
  const townshipNumbers = new Map(townshipCodes.map((code, n) => [code, n]));
  const items = new Map<string, ItemYear>();
  const selectors = new Map<ListType, Map<string, SelectorYear>>();
  for (const entry of dataset.entries) {
    const end = entry.effectiveTo;
    if (entry.effectiveFrom >= to || (end !== null && (end <= from || end <= entry.effectiveFrom))) continue;
    let township = townshipNumbers.get(entry.townshipCode);
    if (township === undefined) {
      // An entry of a township missing from the dataset (refused at publication): still counted.
      township = townshipCodes.length;
      townshipNumbers.set(entry.townshipCode, township);
      townshipCodes.push(entry.townshipCode);
    }
    let item = items.get(entry.itemCode);
    if (item === undefined) {
      item = {
        code: entry.itemCode,
        byTownship: new Uint8Array(townshipCodes.length),
        types: 0,
        departments: [],
        reclaimedEntries: [],
      };
      items.set(entry.itemCode, item);
    }
    if (township >= item.byTownship.length) {
      const grown = new Uint8Array(townshipCodes.length);
      grown.set(item.byTownship);
      item.byTownship = grown;
    }
    const terms = entry.terms;
    const bit = TYPE_BITS[terms.type];
    item.types |= bit;
    item.byTownship[township] = (item.byTownship[township] ?? 0) | bit;
    let byCategory = selectors.get(terms.type);
    if (byCategory === undefined) {
      byCategory = new Map();
      selectors.set(terms.type, byCategory);
    }
    let selector = byCategory.get(entry.content.category);
    if (selector === undefined) {
      selector = { items: new Set(), townships: new Set(), departments: new Set() };
      byCategory.set(entry.content.category, selector);
    }
    selector.items.add(item);
    selector.townships.add(township);
    if (terms.type === "BASIC") continue;
    if (terms.type === "RECLAIMED") item.reclaimedEntries.push(entry);
    for (const department of entryDepartments(terms)) {
      if (!item.departments.includes(department)) item.departments.push(department);
      selector.departments.add(department);
    }
  }
  return { from, end: to, townshipCodes, items, selectors };
}

/** The item codes, township codes and departments a selector matches during the year. */
export function resolveSelector(lists: YearLists, listType: ListType, category: string | null) {
  const byCategory = lists.selectors.get(listType);
  const parts = category === null ? [...(byCategory?.values() ?? [])] : [byCategory?.get(category)];
  const items = new Set<string>();
  const townships = new Set<number>();
  const departments = new Set<string>();
  for (const part of parts) {
    if (part === undefined) continue;
    for (const item of part.items) items.add(item.code);
    for (const township of part.townships) townships.add(township);
    for (const department of part.departments) departments.add(department);
  }
  return {
    items: sorted(items),
    townships: sorted([...townships].map((n) => lists.townshipCodes[n] ?? "")),
    departments: sorted(departments),
  };
}

/** The townships where the item had one of `types` (bits) on some day of the year. */
export function townshipsWith(lists: YearLists, item: ItemYear, types: number): string[] {
  const found: string[] = [];
  item.byTownship.forEach((bits, n) => {
    if ((bits & types) !== 0) found.push(lists.townshipCodes[n] ?? "");
  });
  return found;
}
