// fast-check arbitraries over small generated counties, for the property tests of the core.
// fast-check is a devDependency: these modules are imported by tests directly and are deliberately
// not exported from `testing/index.ts`.
import fc from "fast-check";
import { addDays, daysBetween, type IsoDate, isoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { type DeterminationContext, prepareDeterminations } from "../engine/determination-context.ts";
import type { TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { buildListIndex, type ListIndex } from "../lists/list-index.ts";
import { generateCounty } from "./generator.ts";

/** A small county with adjustments and temporary tasks, and what the properties look up in it. */
export interface SmallCounty {
  readonly seed: number;
  readonly dataset: CountyDataset;
  readonly context: DeterminationContext;
  readonly index: ListIndex;
  readonly departmentCodes: readonly string[];
  readonly townshipCodes: readonly string[];
  /** `township\0item` → every entry of that pair, oldest first. */
  readonly histories: ReadonlyMap<string, readonly ListEntry[]>;
  /** Days on which an entry or a task starts or ends, and the days before them, sorted. */
  readonly boundaries: readonly IsoDate[];
  /** The same for each township: its entries and the tasks that name it. */
  readonly townshipBoundaries: ReadonlyMap<string, readonly IsoDate[]>;
}

const counties = new Map<number, SmallCounty>();

/**
 * The county generated from `seed` (10–12 townships, about 55 entries each, 6–10 published
 * adjustments, 6 temporary tasks), generated once and cached.
 * @example smallCounty(3).dataset.adjustments.length // 9
 */
export function smallCounty(seed: number): SmallCounty {
  const known = counties.get(seed);
  if (known !== undefined) return known;
  const dataset = generateCounty({
    seed,
    townships: 10 + (seed % 3),
    meanBasic: 20,
    meanCooperative: 15,
    meanReclaimed: 20,
    adjustments: 6 + (seed % 5),
    temporaryTasks: 6,
  });
  const histories = new Map<string, ListEntry[]>();
  for (const entry of dataset.entries) {
    const key = pairKey(entry.townshipCode, entry.itemCode);
    histories.set(key, [...(histories.get(key) ?? []), entry]);
  }
  for (const group of histories.values()) group.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const county: SmallCounty = {
    seed,
    dataset,
    context: prepareDeterminations(dataset),
    index: buildListIndex(dataset.entries),
    departmentCodes: dataset.departments.map((d) => d.code),
    townshipCodes: dataset.townships.map((t) => t.code),
    histories,
    boundaries: boundariesOf(dataset.entries, dataset.temporaryTasks),
    townshipBoundaries: new Map(
      dataset.townships.map((t) => [
        t.code,
        boundariesOf(
          dataset.entries.filter((e) => e.townshipCode === t.code),
          dataset.temporaryTasks.filter((task) => task.townshipCodes.includes(t.code)),
        ),
      ]),
    ),
  };
  counties.set(seed, county);
  return county;
}

function boundariesOf(entries: readonly ListEntry[], tasks: readonly TemporaryTask[]): IsoDate[] {
  const days = [
    ...entries.flatMap((e) => [e.effectiveFrom, e.effectiveTo]),
    ...tasks.flatMap((t) => [t.startsOn, t.plannedEndOn, t.closedOn]),
  ].filter((day): day is IsoDate => day !== null);
  return [...new Set(days.flatMap((day) => [addDays(day, -1), day]))].sort();
}

export function pairKey(townshipCode: string, itemCode: string): string {
  return `${townshipCode}\u0000${itemCode}`;
}

/** Seeds of the small counties; a narrow range so the cache serves most runs. */
export const countySeed: fc.Arbitrary<number> = fc.integer({ min: 1, max: 12 });

/** The year the generated lists cover, `[2025-01-01, 2026-01-01)`. */
export const YEAR = { from: isoDate("2025-01-01"), to: isoDate("2026-01-01") } as const;

/** A date in `[from, to)`; `to` must be after `from`. */
export function dateIn(from: IsoDate, to: IsoDate): fc.Arbitrary<IsoDate> {
  return fc.integer({ min: 0, max: daysBetween(from, to) - 1 }).map((days) => addDays(from, days));
}

/**
 * A date in `[from, to)`, half the time one of `boundaries` in that range (so the first and last
 * day of an interval, where half-open arithmetic goes wrong, are tried often).
 */
export function dateNear(boundaries: readonly IsoDate[], from: IsoDate, to: IsoDate): fc.Arbitrary<IsoDate> {
  const inRange = boundaries.filter((day) => from <= day && day < to);
  return inRange.length === 0 ? dateIn(from, to) : fc.oneof(dateIn(from, to), fc.constantFrom(...inRange));
}

/** One of the county's townships and a date in `[from, to)`, often one on which its lists or tasks change. */
export function townshipAndDate(
  county: SmallCounty,
  from: IsoDate,
  to: IsoDate,
): fc.Arbitrary<readonly [string, IsoDate]> {
  return fc
    .constantFrom(...county.townshipCodes)
    .chain((code) =>
      dateNear(county.townshipBoundaries.get(code) ?? [], from, to).map((date) => [code, date] as const),
    );
}

/**
 * Entries in force for the pair on the date, found by scanning every entry: an oracle
 * independent of the list index.
 */
export function scanEntriesInForce(
  dataset: CountyDataset,
  townshipCode: string,
  itemCode: string,
  date: IsoDate,
): ListEntry[] {
  return dataset.entries.filter(
    (e) =>
      e.townshipCode === townshipCode &&
      e.itemCode === itemCode &&
      e.effectiveFrom <= date &&
      (e.effectiveTo === null || date < e.effectiveTo),
  );
}

/** Who may appear in `findings.falsifiedBy` (A8). */
