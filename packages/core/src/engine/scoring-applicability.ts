// Which (subject, indicator) pairs an indicator concerns (S4, applicability), as a set of pairs.
import type { AssessmentPlan } from "../assessment/assessment-plan.ts";
import { TRACK_LIST_TYPE } from "../assessment/assessment-plan.ts";
import { indicatorBinds } from "../assessment/record-judgement.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { ListEntry } from "../lists/list-entry.ts";

/**
 * (subject, indicator) pairs, without building a key string per pair: indicator codes by
 * subject. A map of sets rather than a class, so no per-call class shape is built (and thrown
 * away by the next full GC along with the optimised code that relied on it).
 */
export type PairSet = Map<string, Set<string>>;

export function addPair(pairs: PairSet, subject: string, indicator: string): Set<string> {
  let set = pairs.get(subject);
  if (set === undefined) {
    set = new Set();
    pairs.set(subject, set);
  }
  set.add(indicator);
  return set;
}

export function hasPair(pairs: PairSet, subject: string, indicator: string): boolean {
  return pairs.get(subject)?.has(indicator) ?? false;
}

function overlapsYear(entry: ListEntry, from: IsoDate, to: IsoDate): boolean {
  return entry.effectiveFrom < to && (entry.effectiveTo === null || entry.effectiveTo > from);
}

/** Which (subject, indicator) pairs an indicator concerns: from the entries in force during the year. */
export function applicability(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  from: IsoDate,
  to: IsoDate,
): PairSet {
  const applicable: PairSet = new Map();
  const itemIndicators = plan.indicators.filter(
    (i) => i.binding.kind === "ITEMS" || i.binding.kind === "SELECTOR",
  );
  // Entries come township by township: the last township's set is kept.
  let lastTownship: string | null = null;
  let lastSet: Set<string> | null = null;
  for (const entry of dataset.entries) {
    if (!overlapsYear(entry, from, to)) continue;
    for (const indicator of itemIndicators) {
      if (!indicatorBinds(indicator, entry)) continue;
      const terms = entry.terms;
      if (indicator.subject === "TOWNSHIP") {
        if (terms.type !== TRACK_LIST_TYPE[indicator.track ?? "CORE"]) continue;
        if (lastSet !== null && entry.townshipCode === lastTownship) lastSet.add(indicator.code);
        else {
          lastTownship = entry.townshipCode;
          lastSet = addPair(applicable, entry.townshipCode, indicator.code);
        }
      } else if (terms.type === "RECLAIMED") {
        addPair(applicable, terms.receivingDepartment, indicator.code);
      } else if (terms.type === "COOPERATIVE") {
        for (const lead of terms.leadDepartments) addPair(applicable, lead, indicator.code);
      }
    }
  }
  return applicable;
}
