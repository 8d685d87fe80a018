import { type CountyDataset, type DeterminationContext, prepareDeterminations } from "@dutylist/core";
import { type Database, dataRevision, loadCountyDataset } from "@dutylist/store";
import type { LoadedAssessment } from "./loaded-assessment.ts";
import { RevisionCache } from "./revision-cache.ts";

/**
 * Per-request context: the database, and the counties loaded for this request (a county's
 * dataset is loaded once per request, whatever the number of fields that need it — and kept
 * between requests while the stored data's revision stays the same).
 */
export interface Context {
  readonly db: Database;
  readonly caches: ApiCaches;
  county(countyCode: string): Promise<LoadedCounty | null>;
  /** The county a township belongs to, or null when no township has that code. */
  countyOfTownship(townshipCode: string): Promise<string | null>;
  /** The revision of the stored data this request reads at: one query, on first use. */
  revision(): Promise<bigint>;
}

export interface LoadedCounty {
  readonly dataset: CountyDataset;
  readonly determinations: DeterminationContext;
}

/**
 * What the API keeps between requests, by revision of the stored data: loaded counties (with
 * their determination lookups) and loaded assessment years (with their records and report, see
 * `loaded-assessment.ts`). A write anywhere changes the revision, and the next request reloads.
 */
export interface ApiCaches {
  readonly counties: RevisionCache<LoadedCounty | null>;
  readonly years: RevisionCache<LoadedAssessment>;
  /** Every township's county, by township code. */
  readonly townships: RevisionCache<ReadonlyMap<string, string>>;
}

/** Empty caches for one API instance: a few counties and years (a province's one, or a county's). */
export function createCaches(): ApiCaches {
  return { counties: new RevisionCache(8), years: new RevisionCache(8), townships: new RevisionCache(1) };
}

/** A context for one request. */
export function createContext(db: Database, caches: ApiCaches = createCaches()): Context {
  const loaded = new Map<string, Promise<LoadedCounty | null>>();
  let revision: Promise<bigint> | undefined;
  const context: Context = {
    db,
    caches,
    revision() {
      revision ??= dataRevision(db);
      return revision;
    },
    async countyOfTownship(townshipCode) {
      const at = await context.revision();
      const counties = await caches.townships.get("all", at, async () => {
        const rows = await db.prisma.township.findMany({ select: { code: true, countyId: true } });
        return new Map(rows.map((row) => [row.code, row.countyId]));
      });
      return counties.get(townshipCode) ?? null;
    },
    county(countyCode) {
      let found = loaded.get(countyCode);
      if (found === undefined) {
        found = context
          .revision()
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
