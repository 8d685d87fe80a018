import { type CountyDataset, type DeterminationContext, prepareDeterminations } from "@dutylist/core";
import { CountyRevisions, type Database, loadCountyDataset } from "@dutylist/store";
import type { LoadedAssessment } from "./loaded-assessment.ts";
import { RevisionCache } from "./revision-cache.ts";

/**
 * Per-request context: the database, and the counties loaded for this request (a county's
 * dataset is loaded once per request, whatever the number of fields that need it — and kept
 * between requests while the county's stored revision stays the same).
 */
export interface Context {
  readonly db: Database;
  readonly caches: ApiCaches;
  county(countyCode: string): Promise<LoadedCounty | null>;
  /** The county a township belongs to, or null when no stored county has a township of that code. */
  countyOfTownship(townshipCode: string): Promise<string | null>;
  /** The revision of a county's stored data this request reads at: one query, on first use. */
  revision(countyCode: string): Promise<bigint>;
}

export interface LoadedCounty {
  readonly dataset: CountyDataset;
  readonly determinations: DeterminationContext;
}

/**
 * What the API keeps between requests, by county revision (`countyRevision`): loaded counties
 * (with their determination lookups) and loaded assessment years (with their records and report,
 * see `loaded-assessment.ts`). A write to a county changes its revision, and the next request
 * that reads the county reloads it; the other counties stay.
 */
export interface ApiCaches {
  /** Revision reads, shared by concurrent requests (each still sees what was committed before it). */
  readonly revisions: CountyRevisions;
  readonly counties: RevisionCache<LoadedCounty | null>;
  readonly years: RevisionCache<LoadedAssessment>;
  /** Every stored township's county, by township code; reloaded when a township is not found in it. */
  townships: Promise<ReadonlyMap<string, string>> | null;
}

/** Empty caches for one API instance: a few counties and years (a province's one, or a county's). */
export function createCaches(db: Database): ApiCaches {
  return {
    revisions: new CountyRevisions(db),
    counties: new RevisionCache(8),
    years: new RevisionCache(8),
    townships: null,
  };
}

async function loadTownshipCounties(db: Database): Promise<ReadonlyMap<string, string>> {
  // Township codes are unique within a county; across counties the first county (by code) wins.
  const rows = await db.prisma.township.findMany({
    select: { code: true, countyId: true },
    orderBy: [{ countyId: "asc" }, { code: "asc" }],
  });
  const counties = new Map<string, string>();
  for (const row of rows) if (!counties.has(row.code)) counties.set(row.code, row.countyId);
  return counties;
}

/** A context for one request. */
export function createContext(db: Database, caches: ApiCaches = createCaches(db)): Context {
  const loaded = new Map<string, Promise<LoadedCounty | null>>();
  const revisions = new Map<string, Promise<bigint>>();
  let townshipsReloaded = false;
  const context: Context = {
    db,
    caches,
    revision(countyCode) {
      let found = revisions.get(countyCode);
      if (found === undefined) {
        found = caches.revisions.read(countyCode);
        revisions.set(countyCode, found);
      }
      return found;
    },
    async countyOfTownship(townshipCode) {
      caches.townships ??= loadTownshipCounties(db);
      const countyCode = (await caches.townships).get(townshipCode);
      // Kept as long as it answers: a township unknown to it, or no longer in its county's
      // dataset, reloads it once per request (townships are added with new counties, rarely).
      const county = countyCode === undefined ? null : await context.county(countyCode);
      if (county?.determinations.directory.townships.has(townshipCode)) return countyCode ?? null;
      if (townshipsReloaded) return null;
      townshipsReloaded = true;
      caches.townships = loadTownshipCounties(db);
      caches.townships.catch(() => {
        caches.townships = null;
      });
      return context.countyOfTownship(townshipCode);
    },
    county(countyCode) {
      let found = loaded.get(countyCode);
      if (found === undefined) {
        found = context
          .revision(countyCode)
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
  };
  return context;
}
