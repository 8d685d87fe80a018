import type { IsoDate } from "./calendar-date.ts";
import type { PartyRef } from "./county.ts";
import { buildDirectory, type CountyDataset, type CountyDirectory } from "./county-dataset.ts";
import {
  Digest,
  type EntryDigest,
  entryDigest,
  writeFindings,
  writeListType,
  writePartyKind,
  writeTask,
} from "./decision-digest.ts";
import type { OperationError } from "./domain-error.ts";
import type { LegalCitation } from "./duty-item.ts";
import { type FailureCase, failureCaseErrors, normalizeFailureCase } from "./failure-case.ts";
import type { ListEntry, ListType } from "./list-entry.ts";
import {
  buildListIndex,
  closedAfter,
  entryAsOf,
  type ListIndex,
  type ListVersion,
  listVersionAsOf,
  listVersionNumber,
} from "./list-index.ts";
import { NOT_KEYED, type Outcome, outcomeKey, outcomeOf } from "./responsibility-outcome.ts";
import { describeEntry } from "./responsibility-text.ts";
import { err, ok, type Result } from "./result.ts";
import type { AccountabilityRuleId } from "./rules.ts";
import { isTaskInForce, type TemporaryTask, taskAsOf } from "./temporary-task.ts";

/** What the matter was on the township's lists on the failure date. */
export type DeterminationListType = ListType | "TEMPORARY" | "OFF_LIST";

export type Role = "PRIMARY" | "SECONDARY" | "NONE";

export type FactorCode =
  | "REFUSED_COOPERATION"
  | "GUARANTEES_NOT_DELIVERED"
  | "FALSIFICATION"
  | "RECLAIMED_NOT_TAKEN_OVER"
  | "UNREGISTERED_PUSH_DOWN";

export interface Factor {
  readonly kind: "AGGRAVATING" | "MITIGATING";
  readonly code: FactorCode;
  readonly ruleId: AccountabilityRuleId;
  readonly description: string;
}

/** What a determination cites: the item (or task) as listed that day, its list and its basis. */
export interface ResponsibilityCitation {
  /** The item code, or the temporary task's id. */
  readonly itemCode: string;
  readonly itemName: string;
  readonly listType: DeterminationListType;
  /** The list entry (or task) that put it there. */
  readonly sourceId: string;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate | null;
  readonly basis: readonly LegalCitation[];
  /** The version of the township's lists in force on the failure date. */
  readonly listVersion: ListVersion;
}

export interface NamedParty {
  readonly kind: PartyRef["kind"];
  readonly code: string;
  readonly name: string;
}

export interface PartyDetermination {
  readonly party: NamedParty;
  readonly role: Role;
  readonly factors: readonly Factor[];
  /** The rules that gave this role. */
  readonly ruleIds: readonly AccountabilityRuleId[];
  readonly citations: readonly ResponsibilityCitation[];
  /** Why the party bears no responsibility; set exactly when the role is NONE (A11). */
  readonly reason: string | null;
  /** A plain Chinese explanation of the role. */
  readonly explanation: string;
}

/** A violation the determination found and reports, e.g. an unregistered push-down (A4). */
export interface ReportedViolation {
  readonly ruleId: AccountabilityRuleId;
  readonly code: "UNREGISTERED_PUSH_DOWN";
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly message: string;
}

export interface Determination {
  /** Derived from the question and the list content used: same question, same data → same id. */
  readonly decisionId: string;
  readonly failure: FailureCase;
  readonly listType: DeterminationListType;
  readonly entry: ListEntry | null;
  readonly temporaryTask: TemporaryTask | null;
  readonly listVersion: ListVersion;
  /** The township first, then departments by code. */
  readonly parties: readonly PartyDetermination[];
  readonly violations: readonly ReportedViolation[];
  /** Every rule the determination applied, A9 always among them. */
  readonly ruleIds: readonly AccountabilityRuleId[];
  /** A one-paragraph Chinese summary. */
  readonly summary: string;
}

/**
 * What determinations use of an entry that depends on the entry and the directory alone: its
 * digest (decision ids), the Chinese sentence on its situation, and the entry as it stood before
 * a later closing (A9). Computed on an entry's first determination, kept in the context.
 */
interface EntryFacts {
  readonly digest: EntryDigest;
  readonly situationText: string;
  /** The entry without its closing by an adjustment (`entryAsOf` before the closing took effect). */
  open: ListEntry | null;
  /**
   * What the rules gave for each set of findings met so far (`outcomeKey`), texts included: on an
   * entry the rules and texts read its terms, its township and the findings, never the date.
   */
  readonly outcomes: KeptOutcome[];
  /**
   * The citations of the entry in force, by list version number. An entry is in force either
   * always as its open copy (an adjustment closed it, A9) or always as it is, so one list serves.
   */
  readonly citations: (readonly ResponsibilityCitation[] | undefined)[];
}

/** An outcome kept with an entry's facts, under its findings' key (`outcomeKey`). */
interface KeptOutcome {
  readonly bits: number;
  readonly otherDepartments: readonly string[];
  readonly outcome: Outcome;
}

/** One item's entries on one township's lists (the index's group), with their facts as computed. */
interface FactGroup {
  readonly entries: readonly ListEntry[];
  /** By position in `entries`. */
  readonly facts: (EntryFacts | undefined)[];
}

/** Lookups built once per dataset, so each determination is a handful of map reads. */
export interface DeterminationContext {
  readonly dataset: CountyDataset;
  readonly directory: CountyDirectory;
  readonly index: ListIndex;
  /**
   * What determinations used of each entry, computed on first use: per township (its groups made
   * on the township's first question), per item, next to the entries, so finding the entry in
   * force finds its facts too.
   */
  readonly entryFacts: Map<string, ReadonlyMap<string, FactGroup>>;
  /** Per township, its list versions by number, made on first use (immutable, shared). */
  readonly versions: Map<string, (ListVersion | undefined)[]>;
  /** Townships and departments with their names, by code, made on first use (shared). */
  readonly townshipParties: Map<string, NamedParty>;
  readonly departmentParties: Map<string, NamedParty>;
}

/**
 * Prepares a dataset for many determinations.
 * @example const context = prepareDeterminations(dataset)
 */
export function prepareDeterminations(dataset: CountyDataset): DeterminationContext {
  return {
    dataset,
    directory: buildDirectory(dataset),
    index: buildListIndex(dataset.entries),
    entryFacts: new Map(),
    versions: new Map(),
    townshipParties: new Map(),
    departmentParties: new Map(),
  };
}

/** The township's fact groups, made on its first question. */
function factGroups(context: DeterminationContext, townshipCode: string): ReadonlyMap<string, FactGroup> {
  let groups = context.entryFacts.get(townshipCode);
  if (groups === undefined) {
    const made = new Map<string, FactGroup>();
    for (const [itemCode, entries] of context.index.byTownship.get(townshipCode) ?? [])
      made.set(itemCode, { entries, facts: [] });
    groups = made;
    context.entryFacts.set(townshipCode, groups);
  }
  return groups;
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
      open: null,
      outcomes: [],
      citations: [],
    };
    group.facts[position] = facts;
  }
  return facts;
}

/** The version of the township's lists on the date (`listVersionAsOf`), one object per version. */
function versionOf(context: DeterminationContext, townshipCode: string, date: IsoDate): ListVersion {
  const number = listVersionNumber(context.index, townshipCode, date);
  let known = context.versions.get(townshipCode);
  if (known === undefined) {
    known = [];
    context.versions.set(townshipCode, known);
  }
  let version = known[number];
  if (version === undefined) {
    version = listVersionAsOf(context.index, townshipCode, date);
    known[number] = version;
  }
  return version;
}

/** The situation on the failure date: the entry in force (A9), else an open registered task (A5), else off-list. */
export interface Situation {
  readonly listType: DeterminationListType;
  readonly entry: ListEntry | null;
  readonly task: TemporaryTask | null;
  /** The task named in the findings, whether or not it bound the township that day. */
  readonly namedTask: TemporaryTask | null;
}

/** The situation, with the facts of its entry when there is one. */
interface Located extends Situation {
  readonly facts: EntryFacts | null;
}

function locate(context: DeterminationContext, failure: FailureCase): Located {
  // Tasks and entries as they stood on the failure date: what was recorded later (a closing, a
  // closure by a later adjustment) never changes the answer (A9, L2).
  const known =
    failure.findings.temporaryTaskId === undefined
      ? undefined
      : context.directory.temporaryTasks.get(failure.findings.temporaryTaskId);
  const namedTask = known === undefined ? null : taskAsOf(known, failure.date);
  // A9: the lists in force on the failure date decide (as `entryInForce`, with the entry's facts).
  const group =
    failure.subject.kind === "ITEM"
      ? factGroups(context, failure.townshipCode).get(failure.subject.itemCode)
      : undefined;
  let inForce: ListEntry | null = null;
  let position = 0;
  if (group !== undefined) {
    const { entries } = group;
    for (; position < entries.length; position++) {
      const entry = entries[position];
      if (entry === undefined || entry.effectiveFrom > failure.date) break;
      if (entry.effectiveTo === null || failure.date < entry.effectiveTo) {
        inForce = entry;
        break;
      }
    }
  }
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
  if (namedTask !== null && isTaskInForce(namedTask, failure.townshipCode, failure.date)) {
    return { listType: "TEMPORARY", entry: null, task: namedTask, namedTask, facts: null };
  }
  return { listType: "OFF_LIST", entry: null, task: null, namedTask, facts: null };
}

/**
 * The citations of the situation on the version (`citationsOf`); for an entry, made once per list
 * version and kept with its facts.
 */
function citationsIn(situation: Located, version: ListVersion): readonly ResponsibilityCitation[] {
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
function namedParty(context: DeterminationContext, party: PartyRef): NamedParty {
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

/**
 * The decision id: a 96-bit hash (`decision-digest.ts`) of the normalised question, the list
 * type, what the determination used of the entry (as it stood that day) or of the task, the task
 * the findings name, the list version and the parties' names. Same question on the same data,
 * same id; a change of the list content used changes it.
 */
function decisionIdOf(
  failure: FailureCase,
  situation: Located,
  version: ListVersion,
  parties: readonly NamedParty[],
): string {
  const d = DECISION_DIGEST.reset(DECISION_SEED);
  d.string(failure.townshipCode).string(failure.date);
  if (failure.subject.kind === "ITEM") d.tag(0).string(failure.subject.itemCode);
  else d.tag(1).string(failure.subject.description);
  writeFindings(d, failure.findings);
  writeListType(d, situation.listType);
  const entry = situation.entry;
  if (entry === null) d.nullable(null);
  else {
    // The facts' digest is the entry's, whichever copy (A9) the situation holds.
    d.digest(situation.facts?.digest ?? entryDigest(entry));
    d.nullable(entry.effectiveTo).nullable(entry.closedBy);
  }
  writeTask(d, situation.task);
  writeTask(d, situation.namedTask);
  // The version's township is the case's, written above.
  d.integer(version.number).nullable(version.changeId).nullable(version.effectiveFrom);
  d.arrayOf(parties.length);
  for (const party of parties) {
    writePartyKind(d, party.kind);
    d.string(party.code).string(party.name);
  }
  return `D-${d.hex96()}`;
}

// Distinguishes decision ids from other uses of the same hash.
const DECISION_SEED = 0x44310002;
// One digest for every id: an id is computed start to end, never inside another.
const DECISION_DIGEST = new Digest();

// A case names a handful of departments; past this many sets of findings met on one entry, further
// ones are computed each time rather than kept (a caller cannot grow the context without bound).
const OUTCOMES_PER_ENTRY = 16;

const NO_CODES: readonly string[] = [];

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The outcome of the case (`outcomeOf`). On an entry, with keyed findings (`outcomeKey`), it is
 * kept with the entry's facts: the rules and texts read the entry, the township and the findings,
 * never the date, so every later case on the entry with the same findings shares it.
 */
function entryOutcome(context: DeterminationContext, failure: FailureCase, situation: Located): Outcome {
  const facts = situation.facts;
  const { directory } = context;
  if (facts === null) return outcomeOf(failure, situation, directory, (p) => namedParty(context, p));
  const bits = outcomeKey(failure.findings);
  if (bits === NOT_KEYED)
    return outcomeOf(failure, situation, directory, (p) => namedParty(context, p), facts.situationText);
  const others = failure.findings.otherDepartments ?? NO_CODES;
  const kept = facts.outcomes;
  for (const known of kept)
    if (known.bits === bits && sameCodes(known.otherDepartments, others)) return known.outcome;
  const outcome = outcomeOf(
    failure,
    situation,
    directory,
    (p) => namedParty(context, p),
    facts.situationText,
  );
  if (kept.length < OUTCOMES_PER_ENTRY) kept.push({ bits, otherDepartments: others, outcome });
  return outcome;
}

/**
 * Determines who bears primary, secondary or no responsibility for a failure in a township on a
 * date (A1–A11), from the lists in force that day (A9) and the inspectors' findings. Every party
 * involved gets a role with the rule ids that gave it, its factors, the citations (item, list,
 * entry interval, list version, basis), a reason when NONE (A11) and a Chinese explanation.
 * @example
 * determineResponsibility(context, {
 *   townshipCode: "CGZ", date: isoDate("2025-05-10"),
 *   subject: { kind: "ITEM", itemCode: "PH-003" },
 *   findings: { townshipAtFault: true, withinCooperationContent: true },
 * }) // township SECONDARY (A2), 县消防救援大队 PRIMARY (A2)
 */
export function determineResponsibility(
  context: DeterminationContext,
  question: FailureCase,
): Result<Determination, OperationError> {
  const errors = failureCaseErrors(question, context.directory);
  const first = errors[0];
  if (first !== undefined) return err(first, ...errors.slice(1));
  const failure = normalizeFailureCase(question);
  const situation = locate(context, failure);
  const version = versionOf(context, failure.townshipCode, failure.date);
  const citations = citationsIn(situation, version);
  const outcome = entryOutcome(context, failure, situation);
  const parties: PartyDetermination[] = [];
  for (let i = 0; i < outcome.findings.length; i++) {
    const finding = outcome.findings[i];
    const party = outcome.named[i];
    if (finding === undefined || party === undefined) continue;
    parties.push({
      party,
      role: finding.role,
      factors: finding.factors,
      ruleIds: finding.ruleIds,
      citations,
      reason: outcome.reasons[i] ?? null,
      explanation: outcome.explanations[i] ?? "",
    });
  }
  return ok({
    decisionId: decisionIdOf(failure, situation, version, outcome.named),
    failure,
    listType: situation.listType,
    entry: situation.entry,
    temporaryTask: situation.task,
    listVersion: version,
    parties,
    violations: outcome.violations,
    ruleIds: outcome.ruleIds,
    summary: outcome.summary,
  });
}
