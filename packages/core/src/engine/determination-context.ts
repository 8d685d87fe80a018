// The determination context: lookups built once per dataset, facts kept per entry; locating a case (A9).

import type { IsoDate } from "../base/calendar-date.ts";
import type { PartyRef } from "../county/county.ts";
import { buildDirectory, type CountyDataset, type CountyDirectory } from "../county/county-dataset.ts";
import { datasetAsKnownOn } from "../knowledge/dataset-as-known-on.ts";
import { taskAsOf, taskCoverage } from "../ledger/temporary-task.ts";
import { firstListDate } from "../lists/list-coverage.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import {
  buildListIndex,
  closedAfter,
  entryAsOf,
  type ListIndex,
  type ListVersion,
  listVersionAsOf,
  listVersionNumber,
  positionInForce,
} from "../lists/list-index.ts";
import { type EntryDigest, entryDigest } from "../responsibility/decision-digest.ts";
import type { NamedParty, ResponsibilityCitation, Situation } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { describeEntry } from "../responsibility/responsibility-text.ts";
import { type TemplateStore, type TermsShape, termsShape } from "./outcome-templates.ts";

/**
 * What determinations use of an entry that depends on the entry and the directory alone: its
 * digest (decision ids), the Chinese sentence on its situation, the shape of its terms (which
 * outcome templates serve it) and the entry as it stood before a later closing (A9). Computed on
 * an entry's first determination, kept in the context.
 */
export interface EntryFacts {
  readonly digest: EntryDigest;
  readonly situationText: string;
  /** Its list type and who leads or received it: what the rules read of it (`outcome-templates.ts`). */
  readonly shape: TermsShape;
  /** The entry without its closing by an adjustment (`entryAsOf` before the closing took effect). */
  open: ListEntry | null;
  /**
   * The citations of the entry in force, by list version number. An entry is in force either
   * always as its open copy (an adjustment closed it, A9) or always as it is, so one list serves.
   */
  readonly citations: (readonly ResponsibilityCitation[] | undefined)[];
}

/** One item's entries on one township's lists (the index's group), with their facts as computed. */
interface FactGroup {
  readonly entries: readonly ListEntry[];
  /** By position in `entries`. */
  readonly facts: (EntryFacts | undefined)[];
}

/** What determinations use of one township, made on its first question. */
export interface TownshipFacts {
  /** The township's name from the directory (its code when unknown). */
  readonly party: NamedParty;
  /** The first day any of its lists was in force (`firstListDate`), or null: none recorded. */
  readonly firstListDate: IsoDate | null;
  /** Its items' entries with their facts, by item code, next to the entries. */
  readonly groups: ReadonlyMap<string, FactGroup>;
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
   * What determinations used of each township and entry, computed on first use: per township
   * (made on its first question), per item, next to the entries, so finding the entry in force
   * finds its facts too.
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
    templates: { shapes: new Map(), kept: 0 },
  };
}

/**
 * The township's facts, made on its first question.
 * @example townshipFacts(context, "QX-CG").firstListDate // "2025-01-01"
 */
export function townshipFacts(context: DeterminationContext, townshipCode: string): TownshipFacts {
  let facts = context.townships.get(townshipCode);
  if (facts === undefined) {
    const groups = new Map<string, FactGroup>();
    for (const [itemCode, entries] of context.index.byTownship.get(townshipCode) ?? [])
      groups.set(itemCode, { entries, facts: [] });
    facts = {
      party: namedParty(context, { kind: "TOWNSHIP", code: townshipCode }),
      firstListDate: firstListDate(context.index, townshipCode),
      groups,
      versions: [],
    };
    context.townships.set(townshipCode, facts);
  }
  return facts;
}

/** The facts of the group's entry at `position`, computed on first use and kept in the context. */
function factsOf(
  context: DeterminationContext,
  group: FactGroup,
  position: number,
  entry: ListEntry,
): EntryFacts {
  let facts = group.facts[position];
  if (facts === undefined) {
    facts = {
      digest: entryDigest(entry),
      situationText: describeEntry(entry, context.directory),
      shape: termsShape(context.templates, entry.terms),
      open: null,
      citations: [],
    };
    group.facts[position] = facts;
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

/** The situation, with the facts of its entry when there is one. */
export interface Located extends Situation {
  readonly facts: EntryFacts | null;
}

/** The situation of the case on its date (A9, A5), with its entry's facts from the context. */
export function locate(
  context: DeterminationContext,
  township: TownshipFacts,
  failure: FailureCase,
): Located {
  // Tasks and entries as they stood on the failure date: what was recorded later (a closing, a
  // closure by a later adjustment) never changes the answer (A9, L2).
  const known =
    failure.findings.temporaryTaskId === undefined
      ? undefined
      : context.directory.temporaryTasks.get(failure.findings.temporaryTaskId);
  const namedTask = known === undefined ? null : taskAsOf(known, failure.date);
  // A9: the lists in force on the failure date decide (as `entryInForce`, with the entry's facts).
  const group = failure.subject.kind === "ITEM" ? township.groups.get(failure.subject.itemCode) : undefined;
  const position = group === undefined ? -1 : positionInForce(group.entries, failure.date);
  const inForce = group?.entries[position] ?? null;
  if (inForce !== null && group !== undefined) {
    const facts = factsOf(context, group, position, inForce);
    let entry = inForce;
    if (closedAfter(inForce, failure.date)) {
      // The same copy for every date before the closing: made once.
      facts.open ??= entryAsOf(inForce, failure.date);
      entry = facts.open;
    }
    return { listType: entry.terms.type, entry, task: null, namedTask, facts };
  }
  // A5: a registered task that covers the township, or whose planned end passed without a
  // closing (the cooperation ended; the rules report it), is the situation; before it covers the
  // township, or once closed, the matter is off-list (A4).
  const coverage =
    namedTask === null ? "NOT_NAMED" : taskCoverage(namedTask, failure.townshipCode, failure.date);
  if (coverage === "COVERS" || coverage === "ENDED") {
    return { listType: "TEMPORARY", entry: null, task: namedTask, namedTask, facts: null };
  }
  return { listType: "OFF_LIST", entry: null, task: null, namedTask, facts: null };
}

/**
 * The citations of the situation on the version (`citationsOf`); for an entry, made once per list
 * version and kept with its facts.
 */
export function citationsIn(situation: Located, version: ListVersion): readonly ResponsibilityCitation[] {
  const { facts, entry } = situation;
  if (facts === null || entry === null) return citationsOf(situation, version);
  const kept = facts.citations;
  let citations = kept[version.number];
  if (citations === undefined) {
    citations = citationsOf(situation, version);
    kept[version.number] = citations;
  }
  return citations;
}

function citationsOf(situation: Situation, version: ListVersion): ResponsibilityCitation[] {
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
