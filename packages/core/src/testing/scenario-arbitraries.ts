// Failure cases and findings for the responsibility properties (see arbitraries.ts).
import fc from "fast-check";
import { addDays, compareDates, type IsoDate } from "../base/calendar-date.ts";
import type { PartyRef } from "../county/county.ts";
import type { ListEntry, ListType } from "../lists/list-entry.ts";
import type { FailureCase, Findings } from "../responsibility/failure-case.ts";
import {
  countySeed,
  dateNear,
  type SmallCounty,
  scanEntriesInForce,
  smallCounty,
  townshipAndDate,
  YEAR,
} from "./arbitraries.ts";
export type Falsification = "NONE" | "NOT_TOWNSHIP" | "ANY" | "TOWNSHIP";

export interface FindingsOptions {
  readonly falsification: Falsification;
  /** Default "MAYBE". */
  readonly pushedDownBy?: "ALWAYS" | "MAYBE" | "NEVER";
  /** Default "MAYBE". */
  readonly temporaryTask?: "MAYBE" | "NEVER";
}

/**
 * Inspectors' findings naming parties of the county, lists unsorted and possibly with duplicates.
 * @example findingsArb(smallCounty(1), "SYN1-T01", { falsification: "NOT_TOWNSHIP" })
 */
export function findingsArb(
  county: SmallCounty,
  townshipCode: string,
  options: FindingsOptions,
): fc.Arbitrary<Findings> {
  const departments = fc.constantFrom(...county.departmentCodes);
  const self: PartyRef = { kind: "TOWNSHIP", code: townshipCode };
  const otherTownships = county.townshipCodes.filter((code) => code !== townshipCode);
  const otherParty: fc.Arbitrary<PartyRef> = fc.oneof(
    departments.map((code): PartyRef => ({ kind: "DEPARTMENT", code })),
    fc.constantFrom(...otherTownships).map((code): PartyRef => ({ kind: "TOWNSHIP", code })),
  );
  const falsifiedBy: fc.Arbitrary<PartyRef[]> | null = (() => {
    switch (options.falsification) {
      case "NONE":
        return null;
      case "NOT_TOWNSHIP":
        return fc.array(otherParty, { maxLength: 3 });
      case "ANY":
        return fc.array(fc.oneof(fc.constant(self), otherParty), { maxLength: 3 });
      case "TOWNSHIP":
        return fc
          .tuple(fc.array(otherParty, { maxLength: 2 }), fc.nat(), fc.boolean())
          .map(([others, at, twice]) => {
            const parties = [...others];
            parties.splice(at % (parties.length + 1), 0, self);
            return twice ? [...parties, self] : parties;
          });
    }
  })();
  const pushed = options.pushedDownBy ?? "MAYBE";
  const taskIds = county.dataset.temporaryTasks.map((t) => t.id);
  const optional = fc.record(
    {
      townshipAtFault: fc.boolean(),
      withinCooperationContent: fc.boolean(),
      townshipRefusedCooperation: fc.boolean(),
      guaranteesDelivered: fc.boolean(),
      receivingDepartmentTookOver: fc.boolean(),
      territorialClaim: fc.boolean(),
      otherDepartments: fc.array(departments, { maxLength: 4 }),
      ...(pushed === "MAYBE" ? { pushedDownBy: departments } : {}),
      ...(options.temporaryTask !== "NEVER" && taskIds.length > 0
        ? { temporaryTaskId: fc.constantFrom(...taskIds) }
        : {}),
      ...(falsifiedBy === null ? {} : { falsifiedBy }),
    },
    { requiredKeys: [], noNullPrototype: true },
  );
  // fc.record leaves an optional key out only now and then; half the time drop about half of
  // them, so that sparse findings (and each combination of set and unset ones) are common too.
  const sparse = fc.oneof(
    optional,
    fc
      .tuple(
        optional,
        fc.subarray(
          FINDING_KEYS.filter((key) => key !== "falsifiedBy" || options.falsification !== "TOWNSHIP"),
        ),
      )
      .map(([findings, dropped]) => without(findings, dropped)),
  );
  if (pushed !== "ALWAYS") return sparse;
  return fc.tuple(sparse, departments).map(([findings, pushedDownBy]) => ({ ...findings, pushedDownBy }));
}

const FINDING_KEYS: readonly (keyof Findings)[] = [
  "townshipAtFault",
  "withinCooperationContent",
  "townshipRefusedCooperation",
  "guaranteesDelivered",
  "pushedDownBy",
  "temporaryTaskId",
  "falsifiedBy",
  "receivingDepartmentTookOver",
  "territorialClaim",
  "otherDepartments",
];

function without(findings: Findings, keys: readonly (keyof Findings)[]): Findings {
  const copy: { -readonly [K in keyof Findings]?: Findings[K] } = { ...findings };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A failure case in a small county, identified by the county's seed (so a counterexample prints small). */
export interface Scenario {
  readonly seed: number;
  readonly failure: FailureCase;
}

function scenario(
  county: SmallCounty,
  townshipCode: string,
  date: IsoDate,
  subject: FailureCase["subject"],
  findings: FindingsOptions,
): fc.Arbitrary<Scenario> {
  return findingsArb(county, townshipCode, findings).map((f) => ({
    seed: county.seed,
    failure: { townshipCode, date, subject, findings: f },
  }));
}

/** The part of the entry's interval inside the year, or null when it misses the year. */
function yearPart(entry: ListEntry): { readonly from: IsoDate; readonly to: IsoDate } | null {
  const from = compareDates(entry.effectiveFrom, YEAR.from) > 0 ? entry.effectiveFrom : YEAR.from;
  const to =
    entry.effectiveTo !== null && compareDates(entry.effectiveTo, YEAR.to) < 0 ? entry.effectiveTo : YEAR.to;
  return from < to ? { from, to } : null;
}

/**
 * An item failure on a date when the entry was in force (chosen first, so every list type
 * occurs), optionally of one type.
 */
export function onListScenario(
  options: FindingsOptions & { readonly type?: ListType },
): fc.Arbitrary<Scenario> {
  return countySeed.chain((seed) => {
    const county = smallCounty(seed);
    const entries = county.dataset.entries.filter(
      (e) => (options.type === undefined || e.terms.type === options.type) && yearPart(e) !== null,
    );
    return fc.constantFrom(...entries).chain((entry) => {
      const part = yearPart(entry) ?? YEAR;
      return dateNear([part.from, addDays(part.to, -1)], part.from, part.to).chain((date) =>
        scenario(county, entry.townshipCode, date, { kind: "ITEM", itemCode: entry.itemCode }, options),
      );
    });
  });
}

/**
 * An item failure for a (township, item) pair with some entry in its history, on any date of the
 * year (before, during or after each entry, A9); `having` restricts the pairs.
 */
export function historyScenario(
  options: FindingsOptions & { readonly having?: (history: readonly ListEntry[]) => boolean },
): fc.Arbitrary<Scenario> {
  return countySeed.chain((seed) => {
    const county = smallCounty(seed);
    const pairs = [...county.histories.values()].filter((h) => options.having?.(h) ?? true);
    return fc.constantFrom(...pairs).chain((history) => {
      const [first] = history;
      if (first === undefined) throw new Error("empty history");
      const ends = history.flatMap((e) => [e.effectiveFrom, e.effectiveTo ?? e.effectiveFrom]);
      const boundaries = ends.flatMap((day) => [addDays(day, -1), day]);
      return dateNear(boundaries, YEAR.from, YEAR.to).chain((date) =>
        scenario(county, first.townshipCode, date, { kind: "ITEM", itemCode: first.itemCode }, options),
      );
    });
  });
}

/** A failure about a catalogue item that is on none of the township's lists on the date. */
export function offListItemScenario(options: FindingsOptions): fc.Arbitrary<Scenario> {
  return countySeed.chain((seed) => {
    const county = smallCounty(seed);
    // From the lists' first day: before it there are no lists, and no off-list either (A9).
    return townshipAndDate(county, YEAR.from, YEAR.to).chain(([townshipCode, date]) => {
      const offList = county.dataset.items.filter(
        (item) => scanEntriesInForce(county.dataset, townshipCode, item.code, date).length === 0,
      );
      return fc
        .constantFrom(...offList)
        .chain((item) =>
          scenario(county, townshipCode, date, { kind: "ITEM", itemCode: item.code }, options),
        );
    });
  });
}

const MATTERS = ["迎检材料报送", "创建活动台账整理", "  企业安全生产大排查 ", "临时数据统计填报"] as const;

/** A failure about an off-list matter described in words. */
export function matterScenario(options: FindingsOptions): fc.Arbitrary<Scenario> {
  return countySeed.chain((seed) => {
    const county = smallCounty(seed);
    return fc
      .tuple(townshipAndDate(county, YEAR.from, YEAR.to), fc.constantFrom(...MATTERS))
      .chain(([[townshipCode, date], description]) =>
        scenario(county, townshipCode, date, { kind: "MATTER", description }, options),
      );
  });
}

/** Any failure: on a list, around an entry's history, off-list item, or off-list matter. */
export function anyScenario(options: FindingsOptions): fc.Arbitrary<Scenario> {
  return fc.oneof(
    onListScenario(options),
    historyScenario(options),
    offListItemScenario(options),
    matterScenario(options),
  );
}

/** An adjustment to publish on a small county: what it changes and when. */
