import {
  type AssessmentPlan,
  type AssessmentRecords,
  type AssessmentReport,
  assess,
  type DomainError,
  determinedPushDowns,
  type IsoDate,
  recordsAsKnownOn,
} from "@dutylist/core";
import {
  listDeterminations,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyPolicy,
  tallyPerformanceRecords,
} from "@dutylist/store";
import { type ScoreFact, type ScoreFactFilter, scoreFacts } from "@dutylist/workbook";
import { createContextCache } from "@pothos/core";
import type { Context, LoadedAssessment } from "./context.ts";
import { DomainErrors } from "./domain-errors.ts";
import { judgedRecordSource } from "./judged-record-source.ts";
import { endOfRecordingDay } from "./knowledge-date.ts";

function notFound(id: string, message: string): DomainError {
  // The core has no entity kind for a plan: a missing plan is reported against its county.
  return { _tag: "NOT_FOUND", kind: "COUNTY", id, message };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

// One load per county and year per request, whatever the number of fields that need it.
const loadedYears = createContextCache((_ctx: Context) => new Map<string, Promise<LoadedAssessment>>());

/**
 * The county and its plan of `year`, or `DomainErrors` NOT_FOUND naming what is missing. Records
 * and the assessment are loaded and computed once per request, when a field first needs them.
 */
export function loadAssessment(
  ctx: Context,
  countyCode: string,
  year: number,
  knownOn: IsoDate | null = null,
): Promise<LoadedAssessment> {
  const cache = loadedYears(ctx);
  const key = `${countyCode}\u0000${year}\u0000${knownOn ?? ""}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = load(ctx, countyCode, year, knownOn);
    cache.set(key, found);
  }
  return found;
}

function load(
  ctx: Context,
  countyCode: string,
  year: number,
  knownOn: IsoDate | null,
): Promise<LoadedAssessment> {
  // Kept between requests at the same revision of the county, records and report included.
  return ctx
    .revision(countyCode)
    .then((at) =>
      ctx.caches.years.get(`${countyCode}\u0000${year}\u0000${knownOn ?? ""}`, at, () =>
        loadYear(ctx, countyCode, year, knownOn),
      ),
    );
}

async function loadYear(
  ctx: Context,
  countyCode: string,
  year: number,
  knownOn: IsoDate | null,
): Promise<LoadedAssessment> {
  // L2: as known on a day, the lists, ledger, records and cases recorded by then; else everything stored.
  const [county, plan, policy] = await Promise.all([
    knownOn === null ? ctx.county(countyCode) : ctx.countyAsKnownOn(countyCode, knownOn),
    loadAssessmentPlan(ctx.db, countyCode, year),
    loadCountyPolicy(ctx.db, countyCode),
  ]);
  if (county === null) throw new DomainErrors([notFound(countyCode, `县(市、区) ${countyCode} 不存在`)]);
  if (plan === null) {
    throw new DomainErrors([
      notFound(
        `${countyCode}/${year}`,
        `${county.dataset.county.name}(${countyCode})没有 ${year} 年度考核方案`,
      ),
    ]);
  }
  const known = (stored: AssessmentRecords) =>
    knownOn === null ? stored : recordsAsKnownOn(stored, knownOn);
  const records = once(async () => known(await loadAssessmentRecords(ctx.db, countyCode, year)));
  // Everything stored: the lists are read where they are; as known on a day, sent as then known.
  const question = { plan, lists: knownOn === null ? ("STORED" as const) : county.dataset, knownOn };
  const index = county.determinations.index;
  const scored = (tallied: boolean) => async () => {
    // S5: the push-downs stored determinations found (A4) count without re-entry.
    const cases = knownOn === null ? {} : { recordedBefore: endOfRecordingDay(knownOn) };
    // S7, S8: tallied by the database, unless every record is wanted in memory (the workbook).
    const [recorded, tallies, determinations] = await Promise.all([
      tallied
        ? loadAssessmentRecords(ctx.db, countyCode, year, { performance: false }).then(known)
        : records(),
      tallied ? tallyPerformanceRecords(ctx.db, countyCode, question) : undefined,
      listDeterminations(ctx.db, countyCode, cases),
    ]);
    return assess(plan, county.dataset, recorded, {
      index,
      policy,
      determinedPushDowns: determinedPushDowns(determinations),
      ...(tallies === undefined ? {} : { tallies }),
    });
  };
  const source = judgedRecordSource(ctx.db, countyCode, question, index);
  return { county, plan, policy, records, report: once(scored(true)), detailed: once(scored(false)), source };
}

/**
 * The county's plan of the year before `plan`, or null when none is stored.
 * @example const previous = await loadPreviousPlan(ctx, loaded.plan)
 */
export function loadPreviousPlan(ctx: Context, plan: AssessmentPlan): Promise<AssessmentPlan | null> {
  return loadAssessmentPlan(ctx.db, plan.countyCode, plan.year - 1);
}

// Each kind's rows, built once per report: the report is kept with the year while the county's
// revision stays (issue 16, B4), so its rows are too; a request only narrows them.
const keptFacts = new WeakMap<AssessmentReport, Partial<Record<"TOWNSHIP" | "DEPARTMENT", ScoreFact[]>>>();

function narrowed(rows: readonly ScoreFact[], filter: ScoreFactFilter): ScoreFact[] {
  return rows.filter(
    (row) =>
      (filter.subjectCode == null || row.subjectCode === filter.subjectCode) &&
      (filter.indicatorCode == null || row.view.result.indicator.code === filter.indicatorCode) &&
      (filter.firstLevelCode == null || row.view.result.indicator.parentCode === filter.firstLevelCode),
  );
}

/**
 * Loads the county's year (once per request), scores it and returns the rows of one kind of
 * subject; `DomainErrors` NOT_FOUND for an unknown county or plan.
 * @example await loadScoreFacts(ctx, { countyCode: "QX", year: 2025 }, "TOWNSHIP", { subjectCode: "QX-CG" })
 */
export async function loadScoreFacts(
  ctx: Context,
  args: { readonly countyCode: string; readonly year: number; readonly knownOn?: IsoDate | null | undefined },
  kind: "TOWNSHIP" | "DEPARTMENT",
  filter: ScoreFactFilter,
): Promise<ScoreFact[]> {
  const loaded = await loadAssessment(ctx, args.countyCode, args.year, args.knownOn ?? null);
  const report = await loaded.report();
  let kept = keptFacts.get(report);
  if (kept === undefined) {
    kept = {};
    keptFacts.set(report, kept);
  }
  kept[kind] ??= scoreFacts(loaded.plan, report, kind);
  return narrowed(kept[kind], filter);
}
