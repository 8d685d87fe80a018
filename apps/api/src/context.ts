import { type CountyDataset, type DeterminationContext, prepareDeterminations } from "@dutylist/core";
import { type Database, loadCountyDataset } from "@dutylist/store";

/**
 * Per-request context: the database, and the counties loaded for this request (a county's
 * dataset is loaded once per request, whatever the number of fields that need it).
 */
export interface Context {
  readonly db: Database;
  county(countyCode: string): Promise<LoadedCounty | null>;
}

export interface LoadedCounty {
  readonly dataset: CountyDataset;
  readonly determinations: DeterminationContext;
}

/** A context for one request. */
export function createContext(db: Database): Context {
  const loaded = new Map<string, Promise<LoadedCounty | null>>();
  return {
    db,
    county(countyCode) {
      let found = loaded.get(countyCode);
      if (found === undefined) {
        found = loadCountyDataset(db, countyCode).then((dataset) =>
          dataset === null ? null : { dataset, determinations: prepareDeterminations(dataset) },
        );
        loaded.set(countyCode, found);
      }
      return found;
    },
  };
}
