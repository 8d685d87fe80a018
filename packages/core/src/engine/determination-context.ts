// The determination context: lookups built once per dataset, facts kept per township; locating a case (A9).

import type { IsoDate } from "../base/calendar-date.ts";
import type { PartyRef } from "../county/county.ts";
import { buildDirectory, type CountyDataset, type CountyDirectory } from "../county/county-dataset.ts";
import { datasetAsKnownOn } from "../knowledge/dataset-as-known-on.ts";
import { taskAsOf, taskCoverage } from "../ledger/temporary-task.ts";
import { firstListDate } from "../lists/list-coverage.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import {
  buildListIndex,
  entryAsOf,
  type ListIndex,
  type ListVersion,
  listVersionAsOf,
  listVersionNumber,
  positionInForce,
} from "../lists/list-index.ts";
import type { NamedParty, ResponsibilityCitation, Situation } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { type TemplateStore, templateStore } from "./outcome-templates.ts";

/** What determinations use of one township, made on its first question. */
export interface TownshipFacts {
  /** The township's name from the directory (its code when unknown). */
  readonly party: NamedParty;
  /** The first day any of its lists was in force (`firstListDate`), or null: none recorded. */
  readonly firstListDate: IsoDate | null;
  /** Its items' entries, each item's sorted by `effectiveFrom` (the index's, `ListIndex`). */
  readonly items: ReadonlyMap<string, readonly ListEntry[]>;
  /** Its list versions by number, made on first use (immutable, shared). */
  readonly versions: (ListVersion | undefined)[];
}

/** Lookups built once per dataset, so each determination is a handful of map reads. */
export interface DeterminationContext {
  /** The dataset as known on `knownOn` (L2), or as given. */
  readonly dataset: CountyDataset;
  /** The knowledge date the determinations answer as of (L2); null: everything in the dataset. */
  readonly knownOn: IsoDate | null;
  readonly directory: CountyDirectory;
  readonly index: ListIndex;
  /**
   * What determinations use of each township, made on its first question. Nothing is kept per
   * entry or per question: what a case needs of its entry (digest, situation sentence,
   * citations) is read from the entry each time, which costs less than reaching a kept copy
   * among hundreds of thousands, and a context does not grow with the questions it answers.
   */
  readonly townships: Map<string, TownshipFacts>;
  /** Townships and departments with their names, by code, made on first use (shared). */
  readonly townshipParties: Map<string, NamedParty>;
  readonly departmentParties: Map<string, NamedParty>;
  /**
   * What the rules give cases on entries, by the shape of the entries' terms and the findings
   * (`outcome-templates.ts`): shared by every entry and township, so a question on an entry never
   * asked about costs no more rule work than one asked before, and nothing is kept per question.
   */
  readonly templates: TemplateStore;
}

export interface PrepareDeterminationsOptions {
  /**
   * Answer from what was recorded by this day (L2, knowledge time): a change recorded later does
   * not change any determination. Absent: everything in the dataset.
   */
  readonly knownOn?: IsoDate;
}

/**
 * Prepares a dataset for many determinations, as known on `options.knownOn` when given (L2).
 * @example const context = prepareDeterminations(dataset, { knownOn: isoDate("2025-06-10") })
 */
export function prepareDeterminations(
  given: CountyDataset,
  options: PrepareDeterminationsOptions = {},
): DeterminationContext {
  const knownOn = options.knownOn ?? null;
  const dataset = knownOn === null ? given : datasetAsKnownOn(given, knownOn);
  return {
    dataset,
    knownOn,
    directory: buildDirectory(dataset),
    index: buildListIndex(dataset.entries),
    townships: new Map(),
    townshipParties: new Map(),
    departmentParties: new Map(),
    templates: templateStore(),
  };
}

const NO_ITEMS: ReadonlyMap<string, readonly ListEntry[]> = new Map();

/**
 * The township's facts, made on its first question.
 * @example townshipFacts(context, "QX-CG").firstListDate // "2025-01-01"
 */
export function townshipFacts(context: DeterminationContext, townshipCode: string): TownshipFacts {
  let facts = context.townships.get(townshipCode);
  if (facts === undefined) {
    facts = {
      party: namedParty(context, { kind: "TOWNSHIP", code: townshipCode }),
      firstListDate: firstListDate(context.index, townshipCode),
      items: context.index.byTownship.get(townshipCode) ?? NO_ITEMS,
      versions: [],
    };
    context.townships.set(townshipCode, facts);
  }
  return facts;
}

/**
 * The version of the township's lists on the date (`listVersionAsOf`), one object per version.
 * @example versionOf(context, townshipFacts(context, "QX-CG"), "QX-CG", isoDate("2025-08-01")).number // 2
 */
export function versionOf(
  context: DeterminationContext,
  township: TownshipFacts,
  townshipCode: string,
  date: IsoDate,
): ListVersion {
  const number = listVersionNumber(context.index, townshipCode, date);
  const known = township.versions;
  let version = known[number];
  if (version === undefined) {
    version = listVersionAsOf(context.index, townshipCode, date);
    known[number] = version;
  }
  return version;
}

/**
 * The situation of the case on its date (A9, A5): the entry in force as the lists stood that day,
 * else a registered task, else off-list.
 * @example locate(context, townshipFacts(context, "QX-CG"), failure).listType // "COOPERATIVE"
 */
export function locate(
  context: DeterminationContext,
  township: TownshipFacts,
  failure: FailureCase,
): Situation {
  // Tasks and entries as they stood on the failure date: what was recorded later (a closing, a
  // closure by a later adjustment) never changes the answer (A9, L2).
  const known =
    failure.findings.temporaryTaskId === undefined
      ? undefined
      : context.directory.temporaryTasks.get(failure.findings.temporaryTaskId);
  const namedTask = known === undefined ? null : taskAsOf(known, failure.date);
  // A9: the lists in force on the failure date decide (as `entryInForce`).
  const entries = failure.subject.kind === "ITEM" ? township.items.get(failure.subject.itemCode) : undefined;
  const inForce = entries === undefined ? undefined : entries[positionInForce(entries, failure.date)];
  if (inForce !== undefined) {
    // The entry without a closing by an adjustment that took effect after the date (`entryAsOf`).
    const entry = entryAsOf(inForce, failure.date);
    return { listType: entry.terms.type, entry, task: null, namedTask };
  }
  // A5: a registered task that covers the township, or whose planned end passed without a
  // closing (the cooperation ended; the rules report it), is the situation; before it covers the
  // township, or once closed, the matter is off-list (A4).
  const coverage =
    namedTask === null ? "NOT_NAMED" : taskCoverage(namedTask, failure.townshipCode, failure.date);
  if (coverage === "COVERS" || coverage === "ENDED") {
    return { listType: "TEMPORARY", entry: null, task: namedTask, namedTask };
  }
  return { listType: "OFF_LIST", entry: null, task: null, namedTask };
}

/**
 * The citations of the situation on the list version: the entry (or task) as listed that day, its
 * list and its basis.
 * @example citationsOf(situation, version)[0]?.sourceId // the entry's id
 */
export function citationsOf(situation: Situation, version: ListVersion): ResponsibilityCitation[] {
  if (situation.entry !== null) {
    const { entry } = situation;
    return [
      {
        itemCode: entry.itemCode,
        itemName: entry.content.name,
        listType: entry.terms.type,
        sourceId: entry.id,
        effectiveFrom: entry.effectiveFrom,
        effectiveTo: entry.effectiveTo,
        basis: entry.content.basis,
        listVersion: version,
      },
    ];
  }
  if (situation.task !== null) {
    const { task } = situation;
    return [
      {
        itemCode: task.id,
        itemName: task.content,
        listType: "TEMPORARY",
        sourceId: task.id,
        effectiveFrom: task.startsOn,
        effectiveTo: task.closedOn,
        basis: [{ document: task.decision.title, article: task.decision.documentNo }],
        listVersion: version,
      },
    ];
  }
  return [];
}

/** The party with its name from the directory (its code when unknown); one object per party. */
export function namedParty(context: DeterminationContext, party: PartyRef): NamedParty {
  const known = party.kind === "TOWNSHIP" ? context.townshipParties : context.departmentParties;
  let named = known.get(party.code);
  if (named === undefined) {
    const { directory } = context;
    const name =
      party.kind === "TOWNSHIP"
        ? directory.townships.get(party.code)?.name
        : directory.departments.get(party.code)?.name;
    named = { kind: party.kind, code: party.code, name: name ?? party.code };
    known.set(party.code, named);
  }
  return named;
}
