import { addDays, daysBetween } from "../base/calendar-date.ts";
import {
  type AdjustmentProposal,
  type Approval,
  approveAdjustment,
  buildListIndex,
  type CountyDataset,
  type DomainError,
  deriveAdjustmentRoute,
  type IsoDate,
  type ListIndex,
  type Proposer,
  proposeAdjustment,
  publishAdjustment,
  type Result,
  type Township,
  type TriggerKind,
} from "../index.ts";
import {
  ChangeMaker,
  type ChangePlan,
  type ChangeSources,
  type PlannedChange,
} from "./adjustment-changes.ts";
import { lastDayOfYear } from "./calendar-days.ts";
import type { CountyContext } from "./catalogue.ts";
import type { Random } from "./random.ts";

export interface SyntheticAdjustmentsOptions extends ChangeSources {
  readonly random: Random;
  readonly baselineDate: IsoDate;
}

/**
 * Turns a refusal of the real workflow into an exception: the generator produced bad input.
 * @example const { dataset } = expectAccepted(proposeAdjustment(current, proposal), "proposal ADJ-01");
 */
export function expectAccepted<T>(result: Result<T, DomainError>, what: string): T {
  if (result.ok) return result.value;
  const messages = result.errors.map((e) => `[${e._tag}] ${e.message}`).join("; ");
  throw new Error(`generateCounty: the workflow refused ${what} (a generator bug): ${messages}`);
}

/**
 * Distinct effective dates after the baseline, increasing: inside the baseline's year when it has
 * enough days left, otherwise on consecutive days from the day after the baseline.
 */
function effectiveOffsets(random: Random, baselineDate: IsoDate, count: number): number[] {
  const room = daysBetween(baselineDate, lastDayOfYear(baselineDate));
  const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  if (count > room) return days(count);
  return random.sample(days(room), count).sort((a, b) => a - b);
}

// Each trigger opens with a characteristic change; work needs alternate between a new duty and
// a cooperative item made basic (both take the access route, L4). So any eight consecutive
// adjustments cover ADD, REMOVE, AMEND and RECLASSIFY in both directions.
const TRIGGERS: readonly TriggerKind[] = [
  "WORK_NEED",
  "LAW_CHANGE",
  "TOWNSHIP_APPLICATION",
  "SUPERIOR_DEPLOYMENT",
];

function firstPlan(trigger: TriggerKind, round: number): ChangePlan {
  switch (trigger) {
    case "WORK_NEED":
      return round % 2 === 0 ? "ADD_DUTY" : "RECLASSIFY_TOWARDS";
    case "LAW_CHANGE":
      return "RECLASSIFY_AWAY";
    case "TOWNSHIP_APPLICATION":
      return "AMEND";
    case "SUPERIOR_DEPLOYMENT":
      return "REMOVE";
  }
}

const OTHER_PLANS: readonly ChangePlan[] = [
  "REMOVE",
  "RECLASSIFY_AWAY",
  "RECLASSIFY_TOWARDS",
  "AMEND",
  "ADD",
];

function proposerFor(
  random: Random,
  trigger: TriggerKind,
  first: PlannedChange,
  township: Township,
  context: CountyContext,
): Proposer {
  switch (trigger) {
    case "TOWNSHIP_APPLICATION":
      return { kind: "TOWNSHIP", townshipCode: township.code };
    case "SUPERIOR_DEPLOYMENT":
      return { kind: "COUNTY_PARTY_COMMITTEE" };
    case "WORK_NEED":
      if (random.chance(0.3)) return { kind: "COUNTY_GOVERNMENT" };
      break;
    case "LAW_CHANGE":
      break;
  }
  const terms = first.change.kind === "REMOVE" ? undefined : first.change.terms;
  const departmentCode =
    terms?.type === "COOPERATIVE"
      ? terms.leadDepartments[0]
      : terms?.type === "RECLAIMED"
        ? terms.receivingDepartment
        : undefined;
  return {
    kind: "DEPARTMENT",
    departmentCode:
      departmentCode ??
      random.pick(
        context.departmentsByCategory.get(first.category.name) ?? context.departments.map((d) => d.code),
      ),
  };
}

function triggerText(
  random: Random,
  trigger: TriggerKind,
  year: string,
  serial: number,
  township: Township,
  first: PlannedChange,
  context: CountyContext,
): { readonly reference: string; readonly reason: string } {
  switch (trigger) {
    case "LAW_CHANGE": {
      const law = random.pick(first.category.laws);
      return {
        reference: `${law}(${year}年修正)`,
        reason: `${law}修正后,相关事项的承担主体和内容须相应调整`,
      };
    }
    case "SUPERIOR_DEPLOYMENT":
      return {
        reference: `省办发〔${year}〕${serial + 10}号`,
        reason: "落实省委、省政府关于规范乡镇(街道)履职事项清单的部署要求",
      };
    case "TOWNSHIP_APPLICATION":
      return {
        reference: `${township.name}发〔${year}〕${serial}号`,
        reason: `${township.name}根据履职实际申请调整部分事项`,
      };
    case "WORK_NEED":
      return {
        reference: `${context.countyShortName}编办函〔${year}〕${serial}号`,
        reason: "根据县级部门工作需要,调整部分乡镇(街道)履职事项",
      };
  }
}

function planAdjustment(
  random: Random,
  options: SyntheticAdjustmentsOptions,
  dataset: CountyDataset,
  index: ListIndex,
  on: IsoDate,
  trigger: TriggerKind,
  first: ChangePlan,
): { readonly changes: PlannedChange[]; readonly townships: Township[] } {
  const townships =
    trigger === "TOWNSHIP_APPLICATION"
      ? [random.pick(dataset.townships)]
      : random.sample(dataset.townships, Math.min(dataset.townships.length, random.int(1, 3)));
  const maker = new ChangeMaker(random, options, dataset, index, on);
  const plans = [first, ...Array.from({ length: random.int(0, 3) }, () => random.pick(OTHER_PLANS))];
  const changes: PlannedChange[] = [];
  for (const plan of plans) {
    const township = random.pick(townships);
    // A township with nothing of the wanted kind gets another change rather than none; an
    // addition always succeeds (with a new item if need be).
    const fallback = plan === "RECLASSIFY_TOWARDS" ? "ADD_DUTY" : "AMEND";
    const made = maker.make(plan, township) ?? maker.make(fallback, township) ?? maker.make("ADD", township);
    if (made !== null) changes.push(made);
  }
  return { changes, townships };
}

/**
 * Publishes `count` adjustments after the baseline through the real workflow (L2–L4):
 * propose, approve at county level (and provincial level when the route is access), publish.
 * @example applySyntheticAdjustments(baseline, 8, { random, context, namer, catalogue, baselineDate })
 */
export function applySyntheticAdjustments(
  dataset: CountyDataset,
  count: number,
  options: SyntheticAdjustmentsOptions,
): CountyDataset {
  if (count === 0 || dataset.townships.length === 0) return dataset;
  const { random, context, baselineDate } = options;
  const offsets = effectiveOffsets(random, baselineDate, count);
  const width = Math.max(2, String(count).length);
  let current = dataset;
  offsets.forEach((offset, i) => {
    const effectiveFrom = addDays(baselineDate, offset);
    const year = effectiveFrom.slice(0, 4);
    const trigger = TRIGGERS[i % TRIGGERS.length] ?? "WORK_NEED";
    const index = buildListIndex(current.entries);
    const plan = firstPlan(trigger, Math.floor(i / TRIGGERS.length));
    const { changes, townships } = planAdjustment(
      random,
      options,
      current,
      index,
      effectiveFrom,
      trigger,
      plan,
    );
    const [first] = changes;
    const [township] = townships;
    if (first === undefined || township === undefined)
      throw new Error("generateCounty: planned an empty adjustment");
    // proposed ≤ county approval ≤ provincial approval ≤ published ≤ effective, never before the baseline.
    const lead = Math.min(offset, random.int(5, 30));
    const proposedOn = addDays(effectiveFrom, -lead);
    const serial = i + 1;
    const text = triggerText(random, trigger, year, serial, township, first, context);
    const id = `${context.countyCode}-ADJ-${baselineDate.slice(0, 4)}-${String(serial).padStart(width, "0")}`;
    const proposal: AdjustmentProposal = {
      id,
      title: `关于调整${township.name}${townships.length > 1 ? "等乡镇(街道)" : ""}履职事项清单的通知`,
      reason: text.reason,
      trigger: { kind: trigger, reference: text.reference },
      proposer: proposerFor(random, trigger, first, township, context),
      proposedOn,
      recordedOn: proposedOn,
      changes: changes.map((c) => c.change),
    };
    const proposed = expectAccepted(proposeAdjustment(current, proposal), `proposal ${id}`);
    const route = deriveAdjustmentRoute(proposed.adjustment, index, effectiveFrom);
    const county: Approval = {
      level: "COUNTY",
      authority: `${context.countyName}委机构编制委员会`,
      approvedOn: addDays(proposedOn, Math.floor(lead / 3)),
      documentNo: `${context.countyShortName}编〔${year}〕${serial}号`,
      recordedOn: addDays(proposedOn, Math.floor(lead / 3)),
    };
    let next = expectAccepted(
      approveAdjustment(proposed.dataset, id, county),
      `county approval of ${id}`,
    ).dataset;
    if (route.route === "ACCESS") {
      const province: Approval = {
        level: "PROVINCE",
        authority: "省委机构编制委员会办公室",
        approvedOn: addDays(proposedOn, Math.floor(lead / 2)),
        documentNo: `省编办复〔${year}〕${serial}号`,
        recordedOn: addDays(proposedOn, Math.floor(lead / 2)),
      };
      next = expectAccepted(approveAdjustment(next, id, province), `provincial approval of ${id}`).dataset;
    }
    const publishedOn = addDays(proposedOn, Math.floor((2 * lead) / 3));
    current = expectAccepted(
      publishAdjustment(next, id, { publishedOn, effectiveFrom, recordedOn: publishedOn }),
      `publication of ${id}`,
    ).dataset;
  });
  return current;
}
