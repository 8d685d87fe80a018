// fast-check arbitraries over small generated counties, for the property tests of the core.
// fast-check is a devDependency: this module is imported by tests directly and is deliberately
// not exported from `testing/index.ts`.
import fc from "fast-check";
import type { AdjustmentChange } from "../adjustment.ts";
import { approveAdjustment, proposeAdjustment, publishAdjustment } from "../adjustment-workflow.ts";
import { addDays, compareDates, daysBetween, type IsoDate, isoDate } from "../calendar-date.ts";
import type { PartyRef } from "../county.ts";
import type { CountyDataset } from "../county-dataset.ts";
import type { DomainError } from "../domain-error.ts";
import type { FailureCase, Findings } from "../failure-case.ts";
import type { EntryTerms, ListEntry, ListType } from "../list-entry.ts";
import { buildListIndex, entryInForce, type ListIndex } from "../list-index.ts";
import { type DeterminationContext, prepareDeterminations } from "../responsibility.ts";
import type { Result } from "../result.ts";
import type { TemporaryTask } from "../temporary-task.ts";
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
    return townshipAndDate(county, addDays(YEAR.from, -30), YEAR.to).chain(([townshipCode, date]) => {
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
export interface AdjustmentPlan {
  readonly publishedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  readonly changes: readonly AdjustmentChange[];
}

function termsArb(county: SmallCounty, type: ListType): fc.Arbitrary<EntryTerms> {
  const departments = fc.constantFrom(...county.departmentCodes);
  switch (type) {
    case "BASIC":
      return fc.constant({ type: "BASIC" });
    case "COOPERATIVE":
      return fc.uniqueArray(departments, { minLength: 1, maxLength: 2 }).map((leadDepartments) => ({
        type: "COOPERATIVE",
        leadDepartments,
        departmentDuty: "牵头组织实施并督促落实",
        cooperationContent: ["配合开展排查", "发现问题及时报告"],
        guarantees: [{ kind: "GUIDANCE", description: "派员现场指导" }],
      }));
    case "RECLAIMED":
      return departments.map((receivingDepartment) => ({
        type: "RECLAIMED",
        receivingDepartment,
        wayOfWorking: "发现问题及时报告",
      }));
  }
}

/**
 * One change of the pair that the workflow accepts on `on`: an addition when the item is not
 * listed then, otherwise a removal, a reclassification or an amendment.
 */
export function adjustmentChangeArb(
  county: SmallCounty,
  townshipCode: string,
  itemCode: string,
  on: IsoDate,
): fc.Arbitrary<AdjustmentChange> {
  const current = entryInForce(county.index, townshipCode, itemCode, on);
  const anyType = fc.constantFrom<ListType>("BASIC", "COOPERATIVE", "RECLAIMED");
  if (current === null) {
    return anyType
      .chain((type) => termsArb(county, type))
      .map((terms): AdjustmentChange => ({ kind: "ADD", townshipCode, itemCode, terms }));
  }
  const type = current.terms.type;
  return fc.oneof(
    fc.constant<AdjustmentChange>({ kind: "REMOVE", townshipCode, itemCode }),
    anyType
      .filter((t) => t !== type)
      .chain((t) => termsArb(county, t))
      .map((terms): AdjustmentChange => ({ kind: "RECLASSIFY", townshipCode, itemCode, terms })),
    termsArb(county, type).map(
      (terms): AdjustmentChange => ({
        kind: "AMEND",
        townshipCode,
        itemCode,
        terms,
        content: { ...current.content, tasks: [...current.content.tasks, "按新规定做好相关工作"] },
      }),
    ),
  );
}

/**
 * An adjustment effective strictly after `after` and after every earlier change of the pairs it
 * touches (the workflow refuses inserting before a later entry): one change for each pair in
 * `mustTouch` (when the item may be listed there) and for up to three random pairs.
 */
export function adjustmentPlanArb(
  county: SmallCounty,
  after: IsoDate,
  mustTouch: readonly { readonly townshipCode: string; readonly itemCode: string }[] = [],
): fc.Arbitrary<AdjustmentPlan> {
  const items = new Map(county.dataset.items.map((item) => [item.code, item]));
  const listable = mustTouch.filter((pair) => {
    const owner = items.get(pair.itemCode)?.townshipCode ?? null;
    return owner === null || owner === pair.townshipCode;
  });
  const histories = [...county.histories.values()];
  return fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...histories), { minLength: 0, maxLength: 3 }),
      fc.integer({ min: 1, max: 90 }),
      fc.integer({ min: 0, max: 60 }),
    )
    .chain(([picked, delay, lead]) => {
      const pairs = new Map(listable.map((p) => [pairKey(p.townshipCode, p.itemCode), p]));
      for (const history of picked) {
        const [first] = history;
        if (first !== undefined) pairs.set(pairKey(first.townshipCode, first.itemCode), first);
      }
      // An adjustment changes something: without a pair to touch, the county's first pair.
      const [fallback] = histories[0] ?? [];
      if (pairs.size === 0 && fallback !== undefined) {
        pairs.set(pairKey(fallback.townshipCode, fallback.itemCode), fallback);
      }
      let latest = after;
      for (const key of pairs.keys()) {
        for (const entry of county.histories.get(key) ?? []) {
          if (entry.effectiveFrom > latest) latest = entry.effectiveFrom;
          // A published closure (a removal) is a change too: the adjustment comes after it.
          if (entry.closedBy !== null && entry.effectiveTo !== null && entry.effectiveTo > latest) {
            latest = entry.effectiveTo;
          }
        }
      }
      const effectiveFrom = addDays(latest, delay);
      const changes = [...pairs.values()].map((p) =>
        adjustmentChangeArb(county, p.townshipCode, p.itemCode, effectiveFrom),
      );
      return fc.tuple(...changes).map(
        (made): AdjustmentPlan => ({
          publishedOn: addDays(effectiveFrom, -lead),
          effectiveFrom,
          changes: made,
        }),
      );
    });
}

/** The id `publishPlan` gives the adjustment. */
export function plannedAdjustmentId(dataset: CountyDataset): string {
  return `${dataset.county.code}-PROP-ADJ`;
}

/**
 * Proposes, approves (county and province) and publishes the plan through the real workflow.
 * @example publishPlan(dataset, plan) // ok({ dataset, … })
 */
export function publishPlan(
  dataset: CountyDataset,
  plan: AdjustmentPlan,
): Result<{ readonly dataset: CountyDataset }, DomainError> {
  const id = plannedAdjustmentId(dataset);
  const on = plan.publishedOn;
  const proposed = proposeAdjustment(dataset, {
    id,
    title: "关于调整部分乡镇(街道)履职事项清单的通知",
    reason: "根据工作需要调整",
    trigger: { kind: "WORK_NEED", reference: "编办函〔2025〕99号" },
    proposer: { kind: "COUNTY_GOVERNMENT" },
    proposedOn: on,
    changes: plan.changes,
  });
  if (!proposed.ok) return proposed;
  const county = approveAdjustment(proposed.value.dataset, id, {
    level: "COUNTY",
    authority: "县委机构编制委员会",
    approvedOn: on,
    documentNo: null,
  });
  if (!county.ok) return county;
  const province = approveAdjustment(county.value.dataset, id, {
    level: "PROVINCE",
    authority: "省委机构编制委员会办公室",
    approvedOn: on,
    documentNo: null,
  });
  if (!province.ok) return province;
  return publishAdjustment(province.value.dataset, id, {
    publishedOn: on,
    effectiveFrom: plan.effectiveFrom,
  });
}
