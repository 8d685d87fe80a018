import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, type IsoDate } from "../base/calendar-date.ts";
import {
  type AdjustmentPlan,
  adjustmentChangeArb,
  adjustmentPlanArb,
  plannedAdjustmentId,
  publishPlan,
} from "../testing/adjustment-arbitraries.ts";
import {
  countySeed,
  dateIn,
  dateNear,
  type SmallCounty,
  scanEntriesInForce,
  smallCounty,
  townshipAndDate,
  YEAR,
} from "../testing/arbitraries.ts";
import { createRandom } from "../testing/random.ts";
import type { ListEntry } from "./list-entry.ts";
import { buildListIndex, entryAsOf } from "./list-index.ts";
import { listsAsOf, type TownshipLists } from "./lists-as-of.ts";

const RUNS = { numRuns: 100 } as const;

/** Dates from a month before the baseline to a month after the year, so empty lists occur too. */
const WIDE = { from: addDays(YEAR.from, -31), to: addDays(YEAR.to, 31) } as const;

/** A county, one of its townships, and a date, often one on which the township's lists change. */
const townshipOnDate = countySeed.chain((seed) =>
  townshipAndDate(smallCounty(seed), WIDE.from, WIDE.to).map(([townshipCode, date]) => ({
    seed,
    townshipCode,
    date,
  })),
);

function allEntries(lists: TownshipLists): ListEntry[] {
  return [...lists.basic, ...lists.cooperative, ...lists.reclaimed];
}

/** The township's entries in force on the date, by scanning every entry (independent of the index). */
function scanLists(county: SmallCounty, townshipCode: string, date: IsoDate): ListEntry[] {
  const items = new Set(
    county.dataset.entries.filter((e) => e.townshipCode === townshipCode).map((e) => e.itemCode),
  );
  return [...items].flatMap((item) => scanEntriesInForce(county.dataset, townshipCode, item, date));
}

const byId = (a: ListEntry, b: ListEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe("L1 one item, one list", () => {
  it("L1: on any date an item is on at most one of a township's three lists, each entry on the list of its type", () => {
    fc.assert(
      fc.property(townshipOnDate, ({ seed, townshipCode, date }) => {
        const county = smallCounty(seed);
        const lists = listsAsOf(county.index, townshipCode, date);
        const scanned = scanLists(county, townshipCode, date);
        const codes = scanned.map((e) => e.itemCode);
        // The dataset itself holds at most one entry per item and date…
        expect(new Set(codes).size).toBe(codes.length);
        // …and the three lists hold exactly those entries, each once, on the list of its type.
        // (each as listed that day: a closure effective later is not yet part of it)
        expect([...allEntries(lists)].sort(byId)).toEqual(scanned.map((e) => entryAsOf(e, date)).sort(byId));
        expect(lists.basic.every((e) => e.terms.type === "BASIC")).toBe(true);
        expect(lists.cooperative.every((e) => e.terms.type === "COOPERATIVE")).toBe(true);
        expect(lists.reclaimed.every((e) => e.terms.type === "RECLAIMED")).toBe(true);
        expect(allEntries(lists).every((e) => e.townshipCode === townshipCode)).toBe(true);
      }),
      RUNS,
    );
  });

  it("L1/L2: the lists as of a date do not depend on the order of the entries", () => {
    fc.assert(
      fc.property(townshipOnDate, fc.integer(), ({ seed, townshipCode, date }, shuffleSeed) => {
        const county = smallCounty(seed);
        const shuffled = createRandom(shuffleSeed, "entries").shuffle(county.dataset.entries);
        expect(listsAsOf(buildListIndex(shuffled), townshipCode, date)).toEqual(
          listsAsOf(county.index, townshipCode, date),
        );
      }),
      RUNS,
    );
  });
});

describe("L2 nothing is overwritten", () => {
  /** A county, an adjustment effective on some date E after the pairs it touches, and a date before E. */
  const anyAdjustment = countySeed.chain((seed) =>
    fc
      .tuple(dateIn(WIDE.from, YEAR.to), fc.constantFrom(...smallCounty(seed).townshipCodes))
      .chain(([after, townshipCode]) =>
        adjustmentPlanArb(smallCounty(seed), after).map((plan) => ({ seed, plan, townshipCode })),
      ),
  );

  /**
   * An adjustment of a pair whose last entry a published adjustment already closed on R (a
   * removal), effective on E strictly between that entry's start and R.
   */
  const beforeARemoval = countySeed.chain((seed) => {
    const county = smallCounty(seed);
    const removed = [...county.histories.values()].flatMap((history) => {
      const last = history.at(-1);
      return last?.effectiveTo != null && daysBetween(last.effectiveFrom, last.effectiveTo) > 1 ? [last] : [];
    });
    return fc.constantFrom(...removed).chain((last) => {
      const end = last.effectiveTo ?? addDays(last.effectiveFrom, 2);
      return dateIn(addDays(last.effectiveFrom, 1), end).chain((effectiveFrom) =>
        adjustmentChangeArb(county, last.townshipCode, last.itemCode, effectiveFrom).map((change) => ({
          seed,
          townshipCode: last.townshipCode,
          plan: { publishedOn: effectiveFrom, effectiveFrom, changes: [change] } satisfies AdjustmentPlan,
        })),
      );
    });
  });

  const published = anyAdjustment.chain((input) => {
    const E = input.plan.effectiveFrom;
    const boundaries = [...smallCounty(input.seed).boundaries, addDays(E, -1)];
    return dateNear(boundaries, WIDE.from, E).map((date) => ({ ...input, date }));
  });

  function publish({ seed, plan }: { readonly seed: number; readonly plan: AdjustmentPlan }) {
    const county = smallCounty(seed);
    const result = publishPlan(county.dataset, plan);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
    return {
      county,
      next: result.value.dataset,
      id: plannedAdjustmentId(county.dataset),
      E: plan.effectiveFrom,
      townships: new Set(plan.changes.map((c) => c.townshipCode)),
    };
  }

  /** The lists without the end of each entry's interval, which an adjustment effective later may set. */
  const withoutEnds = (lists: TownshipLists) => {
    const strip = (entries: readonly ListEntry[]) =>
      entries.map(({ effectiveTo: _to, closedBy: _by, ...entry }) => entry);
    return {
      ...lists,
      basic: strip(lists.basic),
      cooperative: strip(lists.cooperative),
      reclaimed: strip(lists.reclaimed),
    };
  };

  it("L1/L2: after publishing an adjustment effective on E, entries are only added or closed on E, and every date before E keeps the same entries, terms, content and version", () => {
    fc.assert(
      fc.property(published, (input) => {
        const { county, next, id, E, townships } = publish(input);
        const { plan } = input;
        expect(input.date < E).toBe(true);
        const index = buildListIndex(next.entries);
        for (const code of new Set([input.townshipCode, ...townships])) {
          expect(withoutEnds(listsAsOf(index, code, input.date))).toEqual(
            withoutEnds(listsAsOf(county.index, code, input.date)),
          );
        }
        const after = new Map(next.entries.map((e) => [e.id, e]));
        for (const old of county.dataset.entries) {
          const now = after.get(old.id);
          if (now === undefined) throw new Error(`entry ${old.id} was deleted (L2)`);
          if (now.effectiveTo !== old.effectiveTo || now.closedBy !== old.closedBy) {
            expect(now).toEqual({ ...old, effectiveTo: E, closedBy: id });
          } else {
            expect(now).toEqual(old);
          }
        }
        const known = new Set(county.dataset.entries.map((e) => e.id));
        const opened = next.entries.filter((e) => !known.has(e.id));
        expect(next.entries.length).toBe(county.dataset.entries.length + opened.length);
        for (const entry of opened) expect([entry.openedBy, entry.effectiveFrom]).toEqual([id, E]);
        // Each change closed or opened an entry of its pair on E.
        for (const change of plan.changes) {
          const ofPair = next.entries.filter(
            (e) => e.townshipCode === change.townshipCode && e.itemCode === change.itemCode,
          );
          expect(ofPair.some((e) => e.openedBy === id || e.closedBy === id)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("L2: after publishing an adjustment effective on E, listsAsOf for every date before E is deep-equal", () => {
    fc.assert(
      fc.property(published, (input) => {
        const { county, next, townships } = publish(input);
        const index = buildListIndex(next.entries);
        for (const code of new Set([input.townshipCode, ...townships])) {
          expect(listsAsOf(index, code, input.date)).toEqual(listsAsOf(county.index, code, input.date));
        }
      }),
      RUNS,
    );
  });

  it("L2: an adjustment placed before a change already published for the same pair is refused, naming the change", () => {
    fc.assert(
      fc.property(beforeARemoval, ({ seed, plan }) => {
        const county = smallCounty(seed);
        const result = publishPlan(county.dataset, plan);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors.map((e) => [e._tag, "changeIndex" in e ? e.changeIndex : -1])).toEqual([
          ["CHANGE_CONFLICT", 0],
        ]);
      }),
      RUNS,
    );
  });

  it("L2: an adjustment never re-closes an entry another change already closed, and every entry with an end names the change that closed it", () => {
    fc.assert(
      fc.property(published, (input) => {
        const { county, next } = publish(input);
        const after = new Map(next.entries.map((e) => [e.id, e]));
        for (const old of county.dataset.entries.filter((e) => e.closedBy !== null)) {
          expect(after.get(old.id)).toEqual(old);
        }
        for (const entry of next.entries) {
          expect([entry.id, entry.effectiveTo === null]).toEqual([entry.id, entry.closedBy === null]);
        }
      }),
      RUNS,
    );
  });
});
