import type { AssessmentPlan, Indicator } from "../assessment/assessment-plan.ts";
import { TRACK_LIST_TYPE } from "../assessment/assessment-plan.ts";
import type {
  AssessmentRecords,
  DepartmentRating,
  GuaranteeDelivery,
  PerformanceRecord,
  PushDownReport,
  RecordValue,
  UnattendedReport,
  WhistleRequest,
} from "../assessment/performance-record.ts";
import { indicatorBinds } from "../assessment/record-judgement.ts";
import { addDays, compareDates, daysBetween, type IsoDate, isoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { createRandom, type Random } from "./random.ts";

export interface GenerateRecordsOptions {
  readonly seed: number;
  /** Records per bound item per subject over the year; default 12 (monthly). */
  readonly perItem?: number;
  /** Share of township records about an off-list matter (excluded, S7); default 0.02. */
  readonly offListShare?: number;
}

function valueFor(indicator: Indicator, random: Random): RecordValue {
  switch (indicator.method.kind) {
    case "RATIO": {
      const target = random.int(5, 40);
      return {
        kind: "RATIO",
        achieved: String(
          Math.min(target + 3, random.normalInt(target * 0.9, target * 0.1, { min: 0, max: target + 5 })),
        ),
        target: String(target),
      };
    }
    case "DEDUCTION":
      return { kind: "DEDUCTION", events: random.chance(0.85) ? 0 : random.int(1, 2) };
    case "GRADED": {
      const points = Number(indicator.points);
      const hundredths = random.normalInt(points * 85, points * 8, { min: 0, max: points * 100 });
      return { kind: "GRADED", score: (hundredths / 100).toFixed(2) };
    }
    case "PASS_FAIL":
      return { kind: "PASS_FAIL", passed: random.chance(0.93) };
  }
}

/** Dates spread over the year: the n-th of `count` falls in the n-th slice, at a random day. */
function datesOver(from: IsoDate, count: number, random: Random): IsoDate[] {
  const slice = Math.floor(365 / count);
  return Array.from({ length: count }, (_, n) =>
    addDays(from, n * slice + random.int(0, Math.max(0, slice - 1))),
  );
}

/**
 * A year of records for a plan over a dataset, deterministic by seed: for every item an indicator
 * binds on a subject's lists at some time in the year, `perItem` records over the year (records
 * after a mid-year reclassification are there too — scoring excludes them, S7), a few records
 * about off-list matters, guarantee deliveries of cooperative items, whistles, a few push-down and
 * unattended reports, and every township's rating of every department.
 * @example generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 1 }).performance.length
 */
export function generateRecords(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  options: GenerateRecordsOptions,
): AssessmentRecords {
  const random = createRandom(options.seed, "records");
  const perItem = options.perItem ?? 12;
  const offListShare = options.offListShare ?? 0.02;
  const from = isoDate(`${plan.year}-01-01`);
  const to = isoDate(`${plan.year + 1}-01-01`);
  const inYear = (e: ListEntry) => e.effectiveFrom < to && (e.effectiveTo === null || e.effectiveTo > from);
  const performance: PerformanceRecord[] = [];
  const itemIndicators = plan.indicators.filter(
    (i) => i.binding.kind === "ITEMS" || i.binding.kind === "SELECTOR",
  );
  const seen = new Set<string>();
  let n = 0;
  const push = (indicator: Indicator, subject: PerformanceRecord["subject"], entry: ListEntry) => {
    const key = `${subject.code}\u0000${indicator.code}\u0000${entry.townshipCode}\u0000${entry.itemCode}`;
    if (seen.has(key)) return; // one series per item, whatever its entries during the year
    seen.add(key);
    for (const date of datesOver(from, perItem, random)) {
      n++;
      const offList = subject.kind === "TOWNSHIP" && random.chance(offListShare);
      performance.push({
        id: `${plan.id}-R${String(n).padStart(8, "0")}`,
        countyCode: dataset.county.code,
        indicatorCode: indicator.code,
        subject,
        townshipCode: entry.townshipCode,
        itemCode: offList ? null : entry.itemCode,
        matter: offList ? "清单外临时交办事项" : null,
        date,
        value: valueFor(indicator, random),
      });
    }
  };
  for (const entry of dataset.entries) {
    if (!inYear(entry)) continue;
    for (const indicator of itemIndicators) {
      if (!indicatorBinds(indicator, entry)) continue;
      const terms = entry.terms;
      if (indicator.subject === "TOWNSHIP") {
        if (terms.type === TRACK_LIST_TYPE[indicator.track ?? "CORE"])
          push(indicator, { kind: "TOWNSHIP", code: entry.townshipCode }, entry);
      } else if (terms.type === "RECLAIMED") {
        push(indicator, { kind: "DEPARTMENT", code: terms.receivingDepartment }, entry);
      } else if (terms.type === "COOPERATIVE") {
        for (const lead of terms.leadDepartments) push(indicator, { kind: "DEPARTMENT", code: lead }, entry);
      }
    }
  }
  const guarantees: GuaranteeDelivery[] = [];
  const whistles: WhistleRequest[] = [];
  const unattended: UnattendedReport[] = [];
  for (const entry of dataset.entries) {
    if (!inYear(entry)) continue;
    const terms = entry.terms;
    if (terms.type === "COOPERATIVE") {
      for (const guarantee of terms.guarantees) {
        const lead = terms.leadDepartments[0] ?? "";
        const dueBy = addDays(from, random.int(90, 300));
        guarantees.push({
          id: `G-${entry.id}-${guarantee.kind}`,
          countyCode: dataset.county.code,
          departmentCode: lead,
          townshipCode: entry.townshipCode,
          itemCode: entry.itemCode,
          kind: guarantee.kind,
          dueBy,
          deliveredOn: random.chance(0.8)
            ? addDays(dueBy, -random.int(0, 60))
            : random.chance(0.5)
              ? addDays(dueBy, random.int(1, 30))
              : null,
        });
      }
      if (random.chance(0.3)) {
        // S5: a whistle is raised while the entry is in force, so the lists make its lead responsible.
        const start = compareDates(entry.effectiveFrom, from) > 0 ? entry.effectiveFrom : from;
        const end = entry.effectiveTo !== null && entry.effectiveTo < to ? entry.effectiveTo : to;
        const raisedOn = addDays(start, random.int(0, Math.min(330, daysBetween(start, end) - 1)));
        whistles.push({
          id: `W-${entry.id}`,
          countyCode: dataset.county.code,
          townshipCode: entry.townshipCode,
          departmentCode: random.pick(terms.leadDepartments),
          itemCode: entry.itemCode,
          raisedOn,
          timeLimitDays: 3,
          answeredOn: random.chance(0.9) ? addDays(raisedOn, random.int(0, 5)) : null,
        });
      }
    } else if (terms.type === "RECLAIMED" && random.chance(0.01)) {
      unattended.push({
        id: `U-${entry.id}`,
        countyCode: dataset.county.code,
        departmentCode: terms.receivingDepartment,
        townshipCode: entry.townshipCode,
        itemCode: entry.itemCode,
        date: addDays(from, random.int(0, 364)),
      });
    }
  }
  const pushDowns: PushDownReport[] = [];
  const ratings: DepartmentRating[] = [];
  for (const township of dataset.townships) {
    if (random.chance(0.2)) {
      pushDowns.push({
        id: `PD-${township.code}`,
        countyCode: dataset.county.code,
        departmentCode: random.pick(dataset.departments).code,
        townshipCode: township.code,
        date: addDays(from, random.int(0, 364)),
        matter: "未经登记交办的迎检材料报送",
      });
    }
    for (const department of dataset.departments) {
      ratings.push({
        id: `RT-${township.code}-${department.code}`,
        countyCode: dataset.county.code,
        year: plan.year,
        townshipCode: township.code,
        departmentCode: department.code,
        score: String(random.normalInt(86, 6, { min: 60, max: 100 })),
      });
    }
  }
  return { performance, whistles, guarantees, pushDowns, unattended, ratings };
}

/**
 * Records as a county's systems deliver them: in date order (the days of the year interleaved
 * across subjects, indicators and items), with ids that say nothing of the order (the generator's
 * ids follow its series, the one order a scoring loop could be tuned for). Seeded.
 * @example inServiceOrder(records, 5).performance[0]?.date // the year's first day with a record
 */
export function inServiceOrder(records: AssessmentRecords, seed: number): AssessmentRecords {
  const random = createRandom(seed, "service-order");
  const keyed = records.performance.map((record) => ({ record, tie: random.next() }));
  keyed.sort((a, b) => compareDates(a.record.date, b.record.date) || a.tie - b.tie);
  const ids = random.shuffle(records.performance.map((r) => r.id));
  return { ...records, performance: keyed.map(({ record }, i) => ({ ...record, id: ids[i] ?? record.id })) };
}

/**
 * The same records with about `share` of them made odd in one of the ways real feeds are: an
 * indicator the plan lacks, the other kind of subject, a value of another kind, a township record
 * about another township, a department record about another department's item, a township record
 * put on `repointTo` (an indicator of the other track, `withItemsIndicator`). Every reason scoring
 * excludes a record for (S7) then occurs. Seeded.
 * @example withOddities(records, dataset, 9).performance.length === records.performance.length
 */
export function withOddities(
  records: AssessmentRecords,
  dataset: CountyDataset,
  seed: number,
  options: { readonly share?: number; readonly repointTo?: string } = {},
): AssessmentRecords {
  const share = options.share ?? 0.15;
  const random = createRandom(seed, "oddities");
  const townships = dataset.townships.map((t) => t.code);
  const departments = dataset.departments.map((d) => d.code);
  const odd = (record: PerformanceRecord): PerformanceRecord => {
    switch (random.int(0, 5)) {
      case 5:
        return record.subject.kind === "TOWNSHIP" && options.repointTo !== undefined
          ? { ...record, indicatorCode: options.repointTo }
          : record;
      case 0:
        return { ...record, indicatorCode: `${record.indicatorCode}-X` };
      case 1:
        return record.subject.kind === "TOWNSHIP"
          ? { ...record, subject: { kind: "DEPARTMENT", code: random.pick(departments) } }
          : { ...record, subject: { kind: "TOWNSHIP", code: record.townshipCode } };
      case 2:
        return {
          ...record,
          value:
            record.value.kind === "PASS_FAIL"
              ? { kind: "DEDUCTION", events: 1 }
              : { kind: "PASS_FAIL", passed: random.chance(0.5) },
        };
      case 3:
        return { ...record, townshipCode: random.pick(townships) };
      default:
        return record.subject.kind === "DEPARTMENT"
          ? { ...record, subject: { kind: "DEPARTMENT", code: random.pick(departments) } }
          : { ...record, itemCode: null, matter: "清单外事项" };
    }
  };
  return {
    ...records,
    performance: records.performance.map((r) => (random.chance(share) ? odd(r) : r)),
  };
}

/**
 * The plan with one more township indicator, `X-ITEMS`: collaborative, a ratio, bound by name to
 * every item of the catalogue — so that a record on a basic item put on it is on the wrong track
 * (S3), which list-type selectors never give.
 * @example withItemsIndicator(syntheticPlan(dataset, 2025), dataset).indicators.at(-1)?.code // "X-ITEMS"
 */
export function withItemsIndicator(plan: AssessmentPlan, dataset: CountyDataset): AssessmentPlan {
  const itemCodes = [...new Set(dataset.entries.map((e) => e.itemCode))].sort();
  const indicator: Indicator = {
    code: "X-ITEMS",
    parentCode: plan.indicators.find((i) => i.track === "COLLABORATIVE")?.parentCode ?? "T02",
    name: "按名列举的配合事项",
    subject: "TOWNSHIP",
    track: "COLLABORATIVE",
    points: "10",
    method: { kind: "RATIO" },
    binding: { kind: "ITEMS", itemCodes },
  };
  return { ...plan, indicators: [...plan.indicators, indicator] };
}
