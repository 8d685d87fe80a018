import {
  type Actor,
  type AssessmentPlan,
  type AssessmentRecords,
  type AssessmentReport,
  type CountyDataset,
  type CountyPolicy,
  type DeterminationContext,
  type IsoDate,
  latestRecording,
  prepareDeterminations,
  recordingDay,
} from "@dutylist/core";
import type { HotlineMatcher } from "@dutylist/hotline";
import { CountyRevisions, type Database, loadCountyDataset } from "@dutylist/store";
import type { JudgedRecordSource } from "./judged-record-source.ts";
import { type Clock, systemClock } from "./knowledge-date.ts";
import { RevisionCache } from "./revision-cache.ts";

/**
 * Per-request context: the database, and the counties loaded for this request (a county's
 * dataset is loaded once per request, whatever the number of fields that need it — and kept
 * between requests while the county's stored revision stays the same).
 */
export interface Context {
  readonly db: Database;
  /** Who the request acts as (its verified bearer token), or null for an anonymous request. */
  readonly actor: Actor | null;
  readonly caches: ApiCaches;
  county(countyCode: string): Promise<LoadedCounty | null>;
  /**
   * The county as known on a day (L2 knowledge time): what had been recorded by then, with its
   * determination lookups; `knownOn` defaults to today. Determinations made on it cite that day.
   */
  countyAsKnownOn(countyCode: string, knownOn?: IsoDate | null): Promise<KnownCounty | null>;
  /** Today in the counties' zone: the day changes are recorded on, and the default knowledge date. */
  today(): IsoDate;
  /** The revision of a county's stored data this request reads at: one query, on first use. */
  revision(countyCode: string): Promise<bigint>;
  /** The revision of the county's lists alone (records, plans and cases leave it): ditto. */
  listsRevision(countyCode: string): Promise<bigint>;
  /** What this request has read so far that its answer may depend on (response-cache.ts). */
  reads(): ContextReads;
}

/**
 * What a request read that its answer may depend on: the revisions it read, by county, and
 * whether it read today's date. An answer read only through these (the figures kept by revision)
 * is the same for the next request at the same revisions.
 */
export interface ContextReads {
  /** The revision of everything stored, by county: the value each read returned. */
  readonly revisions: ReadonlyMap<string, Promise<bigint>>;
  /** The revision of the county's lists, by county. */
  readonly listRevisions: ReadonlyMap<string, Promise<bigint>>;
  /** Whether today's date was read (the default knowledge date, the day changes are recorded on). */
  readonly today: boolean;
}

export interface LoadedCounty {
  readonly dataset: CountyDataset;
  readonly determinations: DeterminationContext;
}

/** A county as known on a day: its dataset then, and determinations citing that day. */
export interface KnownCounty extends LoadedCounty {
  readonly knownOn: IsoDate;
}

/**
 * What the API keeps between requests, by county revision (`countyRevision`): loaded counties
 * (with their determination lookups) by the revision of their lists, and assessment years (with
 * their tallies and report, see `loaded-assessment.ts`) by the revision of everything. A write to
 * a county's lists reloads the county at the next request that reads it; a record, a whistle or a
 * push-down only re-tallies the year; the other counties stay.
 */
export interface ApiCaches {
  /** Revision reads, shared by concurrent requests (each still sees what was committed before it). */
  readonly revisions: CountyRevisions;
  readonly listRevisions: CountyRevisions;
  readonly counties: RevisionCache<LoadedCounty | null>;
  /** Counties as known on a day, by county and day. */
  readonly knownCounties: RevisionCache<KnownCounty | null>;
  readonly years: RevisionCache<LoadedAssessment>;
  /** The 12345 matcher of a county (H1), by the revision of everything (phrases move it). */
  readonly matchers: RevisionCache<HotlineMatcher | null>;
}

/** Empty caches for one API instance: a few counties and years (a province's one, or a county's). */
export function createCaches(db: Database): ApiCaches {
  return {
    revisions: new CountyRevisions(db),
    listRevisions: new CountyRevisions(db, "LISTS"),
    counties: new RevisionCache(8),
    knownCounties: new RevisionCache(16),
    years: new RevisionCache(8),
    matchers: new RevisionCache(8),
  };
}

/** A context for one request. */
export function createContext(
  db: Database,
  caches: ApiCaches = createCaches(db),
  clock: Clock = systemClock,
  actor: Actor | null = null,
): Context {
  const loaded = new Map<string, Promise<LoadedCounty | null>>();
  // Read on first use: most requests never ask for the day.
  let today: IsoDate | null = null;
  const revisions = new Map<string, Promise<bigint>>();
  const listRevisions = new Map<string, Promise<bigint>>();
  const context: Context = {
    db,
    actor,
    caches,
    revision(countyCode) {
      let found = revisions.get(countyCode);
      if (found === undefined) {
        found = caches.revisions.read(countyCode);
        revisions.set(countyCode, found);
      }
      return found;
    },
    listsRevision(countyCode) {
      let found = listRevisions.get(countyCode);
      if (found === undefined) {
        found = caches.listRevisions.read(countyCode);
        listRevisions.set(countyCode, found);
      }
      return found;
    },
    county(countyCode) {
      let found = loaded.get(countyCode);
      if (found === undefined) {
        found = context
          .listsRevision(countyCode)
          .then((at) =>
            caches.counties.get(countyCode, at, () =>
              loadCountyDataset(db, countyCode).then((dataset) =>
                dataset === null ? null : { dataset, determinations: prepareDeterminations(dataset) },
              ),
            ),
          );
        loaded.set(countyCode, found);
      }
      return found;
    },
    today: () => {
      today ??= recordingDay(clock());
      return today;
    },
    reads: () => ({ revisions, listRevisions, today: today !== null }),
    async countyAsKnownOn(countyCode, knownOn) {
      const day = knownOn ?? context.today();
      const at = await context.listsRevision(countyCode);
      return caches.knownCounties.get(`${countyCode}@${day}`, at, async () => {
        const county = await context.county(countyCode);
        if (county === null) return null;
        const latest = latestRecording(county.dataset);
        // Known in full by then: the loaded county, its lookups shared, citing the day.
        const determinations = prepareDeterminations(county.dataset, { knownOn: day });
        const dataset = latest === null || latest <= day ? county.dataset : determinations.dataset;
        return { dataset, determinations, knownOn: day };
      });
    },
  };
  return context;
}

/**
 * A county's assessment year as loaded for one request: the county, its plan, and (loaded on first
 * use) the year's records and the assessment over them.
 */
export interface LoadedAssessment {
  readonly county: LoadedCounty;
  readonly plan: AssessmentPlan;
  /** The county's policy (政策设定, 非规则) the year is scored and presented with. */
  readonly policy: CountyPolicy;
  records(): Promise<AssessmentRecords>;
  /** The assessment scored from the database's tallies of the records (S7, S8): no record loaded. */
  report(): Promise<AssessmentReport>;
  /** The same assessment scored from the records themselves, every one held: for the workbook. */
  detailed(): Promise<AssessmentReport>;
  /** The records behind `report`'s tallies, a page at a time. */
  readonly source: JudgedRecordSource;
}
