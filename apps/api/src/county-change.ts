import type { CountyDataset, DomainError, Result } from "@dutylist/core";
import { type ChangeStamp, loadCountyDataset, saveCountyChanges } from "@dutylist/store";
import type { Context } from "./context.ts";
import { DomainErrors, StoreRefusal } from "./schema/errors.ts";

// A write that raced another one is decided again on the newer data; a few rounds settle it.
const ATTEMPTS = 3;

export interface CountyChange<T> {
  /** What the core returned. */
  readonly outcome: T;
  /** The county as stored after the write, reloaded (the request's cached copy is stale). */
  readonly county: CountyDataset;
}

/** `DomainErrors` NOT_FOUND for a county that is not stored. */
export function countyNotFound(countyCode: string): DomainErrors {
  return new DomainErrors([
    { _tag: "NOT_FOUND", kind: "COUNTY", id: countyCode, message: `县(市、区) ${countyCode} 不存在` },
  ]);
}

async function loadStored(ctx: Context, countyCode: string): Promise<CountyDataset> {
  const dataset = await loadCountyDataset(ctx.db, countyCode);
  if (dataset === null) throw countyNotFound(countyCode);
  return dataset;
}

/**
 * Runs one operation of the core on a county and stores what it changed, all or nothing. The
 * county is loaded from the store, not from the request's cache (an earlier mutation of the same
 * request may have changed it); when the core refuses, nothing is written and `DomainErrors` lists
 * every problem; when another write got in between, the core decides again on the newer data.
 * The write is appended to the county's change log under `stamp` (`stampOf`), in its transaction.
 * @example const { outcome, county } = await changeCounty(ctx, "QX", (d) => approveAdjustment(d, id, approval), stampOf(ctx, "approveAdjustment", args))
 */
export async function changeCounty<T extends { readonly dataset: CountyDataset }>(
  ctx: Context,
  countyCode: string,
  operation: (dataset: CountyDataset) => Result<T, DomainError>,
  stamp: ChangeStamp,
): Promise<CountyChange<T>> {
  for (let attempt = 1; ; attempt++) {
    const before = await loadStored(ctx, countyCode);
    const result = operation(before);
    if (!result.ok) throw new DomainErrors(result.errors);
    const saved = await saveCountyChanges(ctx.db, before, result.value.dataset, stamp);
    if (saved.ok) return { outcome: result.value, county: await loadStored(ctx, countyCode) };
    const [problem] = saved.errors;
    if (problem._tag === "STORE_NOT_FOUND") throw countyNotFound(countyCode);
    // Any other refusal, or a conflict that persists, is returned typed, naming what collided.
    if (problem._tag !== "STORE_CONFLICT" || attempt >= ATTEMPTS) throw new StoreRefusal(problem);
  }
}
