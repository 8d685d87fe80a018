import { addDays, type IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { EntryTerms, ListEntry } from "../lists/list-entry.ts";
import { createRandom } from "./random.ts";

export interface MidYearHistoryOptions {
  readonly seed: number;
  /** Share of the open entries changed once during the year; default 0.1. */
  readonly share?: number;
  /** The year's first day; changes fall 30–330 days after it. */
  readonly from: IsoDate;
}

function changedTerms(terms: EntryTerms, department: string): EntryTerms | null {
  switch (terms.type) {
    case "BASIC":
      return { type: "RECLAIMED", receivingDepartment: department, wayOfWorking: "发现问题及时报告" };
    case "COOPERATIVE":
      return { type: "BASIC" };
    case "RECLAIMED":
      return null;
  }
}

/**
 * Lists with a year of history, made fast for benchmarks at province size (the real workflow,
 * `generateCounty`'s `adjustments`, takes about a second per adjustment there): about `share` of
 * the open entries are closed on a day of the year and followed by a new entry — half reclassified
 * (basic items reclaimed by a department, cooperative ones made basic; S7 then judges records on
 * the entry of their date), half amended (the same terms, the name revised). The changes are
 * named `<county>-HIST-<n>` as the opening and closing change; no adjustment record stands behind
 * them, so the result is for scoring and storing, not for the approval routes. Seeded.
 * @example withMidYearHistory(generateCounty({ seed: 1, townships: 77 }), { seed: 2, from: isoDate("2025-01-01") })
 */
export function withMidYearHistory(dataset: CountyDataset, options: MidYearHistoryOptions): CountyDataset {
  const random = createRandom(options.seed, "history");
  const share = options.share ?? 0.1;
  const departments = dataset.departments.map((d) => d.code);
  const entries: ListEntry[] = [];
  let n = 0;
  for (const entry of dataset.entries) {
    if (entry.effectiveTo !== null || entry.effectiveFrom >= options.from || !random.chance(share)) {
      entries.push(entry);
      continue;
    }
    n++;
    const change = `${dataset.county.code}-HIST-${String(n).padStart(6, "0")}`;
    const on = addDays(options.from, random.int(30, 330));
    const reclassified = random.chance(0.5) ? changedTerms(entry.terms, random.pick(departments)) : null;
    entries.push({ ...entry, effectiveTo: on, closedBy: change });
    entries.push({
      ...entry,
      id: `${entry.id}@${on}`,
      terms: reclassified ?? entry.terms,
      assignment: reclassified?.type === "RECLAIMED" ? null : entry.assignment,
      content:
        reclassified === null ? { ...entry.content, name: `${entry.content.name}(修订)` } : entry.content,
      effectiveFrom: on,
      effectiveTo: null,
      openedBy: change,
      closedBy: null,
    });
  }
  return { ...dataset, entries };
}
