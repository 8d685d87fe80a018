// Adjustments published on small counties, for the list-history properties (see arbitraries.ts).
import fc from "fast-check";
import type { AdjustmentChange } from "../adjustments/adjustment.ts";
import { publishAdjustment } from "../adjustments/adjustment-publication.ts";
import { approveAdjustment, proposeAdjustment } from "../adjustments/adjustment-workflow.ts";
import { addDays, type IsoDate } from "../base/calendar-date.ts";
import type { DomainError } from "../base/domain-error.ts";
import type { Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { EntryTerms, ListType } from "../lists/list-entry.ts";
import { entryInForce } from "../lists/list-index.ts";
import { pairKey, type SmallCounty } from "./arbitraries.ts";
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
    recordedOn: on,
    changes: plan.changes,
  });
  if (!proposed.ok) return proposed;
  const county = approveAdjustment(proposed.value.dataset, id, {
    level: "COUNTY",
    authority: "县委机构编制委员会",
    approvedOn: on,
    documentNo: null,
    recordedOn: on,
  });
  if (!county.ok) return county;
  const province = approveAdjustment(county.value.dataset, id, {
    level: "PROVINCE",
    authority: "省委机构编制委员会办公室",
    approvedOn: on,
    documentNo: null,
    recordedOn: on,
  });
  if (!province.ok) return province;
  return publishAdjustment(province.value.dataset, id, {
    publishedOn: on,
    effectiveFrom: plan.effectiveFrom,
    recordedOn: on,
  });
}
