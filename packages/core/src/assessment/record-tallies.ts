// A year's performance records reduced to tallies (S7, S8): what a database computes in one
// statement, and what scoring needs of the records — never the records themselves.

import { exact } from "../base/exact-decimal.ts";
import type { PartyRef } from "../county/county.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { EntryCursor } from "../engine/entry-cursor.ts";
import type { Accumulator } from "../engine/scoring-accumulate.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import type { ListIndex } from "../lists/list-index.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { tallyKey } from "./execution-tallies.ts";
import { addToTally, emptyTally, type MethodTally } from "./indicator-scoring.ts";
import type { PerformanceRecord } from "./performance-record.ts";
import {
  type ExcludedRecord,
  type ExclusionReason,
  type IncludedRecord,
  judgeInYear,
  yearBounds,
} from "./record-judgement.ts";

/**
 * The records of one subject on one indicator with one outcome (S7): counted on one list entry
 * (`reason` null, `entryId` the entry in force that made them count), or excluded for one reason
 * (`entryId` null). Sums are exact decimal text (S8) over the counted records' values; an
 * excluded tally carries only its count.
 */
export interface RecordTally {
  readonly subjectKind: PartyRef["kind"];
  readonly subjectCode: string;
  readonly indicatorCode: string;
  readonly reason: ExclusionReason | null;
  readonly entryId: string | null;
  /**
   * The least record id (in code-unit order) of a counted tally, null for an excluded one: an
   * indicator's entries are listed in the order of their first records, as the records are.
   */
  readonly firstId: string | null;
  readonly count: number;
  /** RATIO: Σ achieved and Σ target. */
  readonly achieved: string;
  readonly target: string;
  /** DEDUCTION: Σ events. */
  readonly events: number;
  /** GRADED: Σ scores and how many. */
  readonly graded: string;
  readonly gradedCount: number;
  /** PASS_FAIL: how many failed. */
  readonly failed: number;
}

/** The key a tally is grouped under: subject, indicator, outcome and entry. */
export function recordTallyKey(t: Omit<RecordTally, "count" | "firstId">): string {
  return [t.subjectKind, t.subjectCode, t.indicatorCode, t.reason ?? "", t.entryId ?? ""].join("\u0000");
}

const byKey = (a: RecordTally, b: RecordTally) => {
  const x = recordTallyKey(a);
  const y = recordTallyKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Tallies in one order (by subject, indicator, outcome and entry), whoever computed them, with
 * their sums in canonical decimal text (no trailing zeros): two tallies of the same records are
 * equal as values.
 * @example expect(canonicalTallies(fromDatabase)).toEqual(canonicalTallies(tallyRecords(plan, index, records)))
 */
export function canonicalTallies(tallies: readonly RecordTally[]): RecordTally[] {
  return tallies
    .map((t) => ({
      ...t,
      achieved: exact(t.achieved).toString(),
      target: exact(t.target).toString(),
      graded: exact(t.graded).toString(),
    }))
    .sort(byKey);
}

/**
 * S7, S8 — the plain definition of a year's tallies: every record judged against the list of its
 * date (`judgeInYear`), grouped by subject, indicator, outcome and entry, its values summed
 * exactly. The database computes the same in SQL (the store's `tallyPerformanceRecords`); a
 * property test holds the two equal.
 * @example tallyRecords(plan, buildListIndex(dataset.entries), records.performance)
 */
export function tallyRecords(
  plan: AssessmentPlan,
  index: ListIndex,
  records: readonly PerformanceRecord[],
): RecordTally[] {
  const bounds = yearBounds(plan.year);
  const indicators = new Map<string, Indicator>(plan.indicators.map((i) => [i.code, i]));
  const entries = new EntryCursor(index);
  const groups = new Map<
    string,
    { key: Omit<RecordTally, "count" | "firstId">; tally: MethodTally; firstId: string | null }
  >();
  for (const record of records) {
    const judged = judgeInYear(record, indicators.get(record.indicatorCode), entries, bounds);
    const excluded = "reason" in judged;
    const key = {
      subjectKind: record.subject.kind,
      subjectCode: record.subject.code,
      indicatorCode: record.indicatorCode,
      reason: excluded ? judged.reason : null,
      entryId: excluded ? null : judged.id,
      achieved: "0",
      target: "0",
      events: 0,
      graded: "0",
      gradedCount: 0,
      failed: 0,
    };
    const k = recordTallyKey(key);
    let group = groups.get(k);
    if (group === undefined) {
      group = { key, tally: emptyTally(), firstId: null };
      groups.set(k, group);
    }
    if (excluded) group.tally.count++;
    else {
      addToTally(group.tally, record.value);
      if (group.firstId === null || record.id < group.firstId) group.firstId = record.id;
    }
  }
  return canonicalTallies(
    [...groups.values()].map(({ key, tally, firstId }) => ({
      ...key,
      firstId,
      count: tally.count,
      achieved: tally.achieved.toString(),
      target: tally.target.toString(),
      events: tally.events,
      graded: tally.graded.toString(),
      gradedCount: tally.gradedCount,
      failed: tally.failed,
    })),
  );
}

/**
 * A counted tally added to a method tally (S8): what scoring sums per subject and indicator.
 * @example addRecordTally(tally, { …, achieved: "45", target: "50", count: 3 })
 */
export function addRecordTally(tally: MethodTally, t: RecordTally): void {
  tally.count += t.count;
  tally.achieved = tally.achieved.plus(t.achieved);
  tally.target = tally.target.plus(t.target);
  tally.events += t.events;
  tally.graded = tally.graded.plus(t.graded);
  tally.gradedCount += t.gradedCount;
  tally.failed += t.failed;
}

/** A list entry in force on the dates of some counted records, which made them count (S7). */
export interface JudgedEntry {
  readonly entry: ListEntry;
  readonly recordCount: number;
}

/** How many records of one subject on one indicator were excluded for one reason (S7). */
export interface ExclusionCount {
  readonly subjectKind: "TOWNSHIP" | "DEPARTMENT";
  readonly subjectCode: string;
  readonly indicatorCode: string;
  readonly reason: ExclusionReason;
  readonly count: number;
}

/** Counted tallies' entries per `tallyKey(subject, indicator)`, when scored from tallies. */
export type TalliedEntries = ReadonlyMap<string, readonly JudgedEntry[]>;

/** The entries records (in id order) were judged on, in the order of their first records, with counts. */
export function judgedEntriesOf(records: readonly IncludedRecord[]): JudgedEntry[] {
  const counts = new Map<ListEntry, number>();
  for (const { entry } of records) counts.set(entry, (counts.get(entry) ?? 0) + 1);
  return [...counts].map(([entry, recordCount]) => ({ entry, recordCount }));
}

/**
 * Seeds scoring's tallies from the database's (S7, S8): counted tallies summed per subject and
 * indicator, their entries kept for explanations, excluded ones counted.
 */
export function seedTallies(
  tallies: readonly RecordTally[],
  dataset: CountyDataset,
  acc: Accumulator,
): { entries: TalliedEntries; exclusions: ExclusionCount[] } {
  const byId = new Map(dataset.entries.map((e) => [e.id, e]));
  const entries = new Map<string, (JudgedEntry & { readonly firstId: string })[]>();
  const exclusions: ExclusionCount[] = [];
  for (const t of tallies) {
    if (t.reason !== null) {
      const { subjectKind, subjectCode, indicatorCode, reason, count } = t;
      exclusions.push({ subjectKind, subjectCode, indicatorCode, reason, count });
      continue;
    }
    const entry = t.entryId === null ? undefined : byId.get(t.entryId);
    if (entry === undefined)
      throw new Error(`tally of ${t.subjectCode}/${t.indicatorCode}: no entry ${t.entryId}`);
    const key = tallyKey(t.subjectCode, t.indicatorCode);
    let tally = acc.tallies.get(key);
    if (tally === undefined) {
      tally = emptyTally();
      acc.tallies.set(key, tally);
    }
    addRecordTally(tally, t);
    const judged = { entry, recordCount: t.count, firstId: t.firstId ?? "" };
    const list = entries.get(key);
    if (list === undefined) entries.set(key, [judged]);
    else list.push(judged);
  }
  // In the order of each entry's first record, as `judgedEntriesOf` lists them from the records.
  const listed = new Map<string, JudgedEntry[]>();
  for (const [key, list] of entries) {
    list.sort((a, b) => (a.firstId < b.firstId ? -1 : a.firstId > b.firstId ? 1 : 0));
    listed.set(
      key,
      list.map(({ entry, recordCount }) => ({ entry, recordCount })),
    );
  }
  return { entries: listed, exclusions: sortedExclusions(exclusions) };
}

/** Excluded records counted by subject, indicator and reason. */
export function exclusionsOf(excluded: readonly ExcludedRecord[]): ExclusionCount[] {
  const counts = new Map<string, ExclusionCount>();
  for (const { record, reason } of excluded) {
    const key = `${record.subject.kind}\u0000${record.subject.code}\u0000${record.indicatorCode}\u0000${reason}`;
    const known = counts.get(key);
    counts.set(key, {
      subjectKind: record.subject.kind,
      subjectCode: record.subject.code,
      indicatorCode: record.indicatorCode,
      reason,
      count: (known?.count ?? 0) + 1,
    });
  }
  return sortedExclusions([...counts.values()]);
}

function sortedExclusions(list: ExclusionCount[]): ExclusionCount[] {
  const key = (e: ExclusionCount) =>
    `${e.subjectKind}\u0000${e.subjectCode}\u0000${e.indicatorCode}\u0000${e.reason}`;
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A lookup of the exclusions of one subject (by kind and code), grouped once. */
export function exclusionsBySubject(
  exclusions: readonly ExclusionCount[],
): (kind: ExclusionCount["subjectKind"], code: string) => readonly ExclusionCount[] {
  const bySubject = new Map<string, ExclusionCount[]>();
  for (const e of exclusions) {
    const key = `${e.subjectKind}:${e.subjectCode}`;
    const list = bySubject.get(key);
    if (list === undefined) bySubject.set(key, [e]);
    else list.push(e);
  }
  return (kind, code) => bySubject.get(`${kind}:${code}`) ?? [];
}

/**
 * How many records the exclusions count in all (S7).
 * @example excludedTotal(scored.exclusions) // every excluded record of the year
 */
export function excludedTotal(exclusions: readonly { readonly count: number }[]): number {
  return exclusions.reduce((n, e) => n + e.count, 0);
}
