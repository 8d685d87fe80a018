import type { Adjustment } from "../adjustments/adjustment.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import type { County, Department, Township } from "./county.ts";
import type { DutyItem } from "./duty-item.ts";

/**
 * A county's published compilation of the lists (清单审定发布): the baseline that entries without
 * an adjustment were opened by.
 */
export interface ListPublication {
  readonly id: string;
  readonly countyCode: string;
  readonly title: string;
  readonly documentNo: string | null;
  readonly publishedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  /** Knowledge time (L2): the date the engine recorded the publication. */
  readonly recordedOn: IsoDate;
}

/**
 * Everything the core knows about one county: its catalogue, every list entry ever in force,
 * the adjustments and the temporary-task ledger. Immutable: operations return a new dataset.
 */
export interface CountyDataset {
  readonly county: County;
  readonly townships: readonly Township[];
  readonly departments: readonly Department[];
  readonly items: readonly DutyItem[];
  readonly publications: readonly ListPublication[];
  readonly entries: readonly ListEntry[];
  readonly adjustments: readonly Adjustment[];
  readonly temporaryTasks: readonly TemporaryTask[];
}

/** Lookup tables by code over a dataset's reference data. */
export interface CountyDirectory {
  readonly townships: ReadonlyMap<string, Township>;
  readonly departments: ReadonlyMap<string, Department>;
  readonly items: ReadonlyMap<string, DutyItem>;
  readonly publications: ReadonlyMap<string, ListPublication>;
  readonly adjustments: ReadonlyMap<string, Adjustment>;
  readonly temporaryTasks: ReadonlyMap<string, TemporaryTask>;
}

function byCode<T extends { readonly code: string }>(rows: readonly T[]): ReadonlyMap<string, T> {
  return new Map(rows.map((row) => [row.code, row]));
}

function byId<T extends { readonly id: string }>(rows: readonly T[]): ReadonlyMap<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Builds lookup tables. With duplicate codes the last row wins; `validateCountyLists` reports
 * duplicates before anything is published.
 * @example buildDirectory(dataset).departments.get("XFJY")?.name // "县消防救援大队"
 */
export function buildDirectory(dataset: CountyDataset): CountyDirectory {
  return {
    townships: byCode(dataset.townships),
    departments: byCode(dataset.departments),
    items: byCode(dataset.items),
    publications: byId(dataset.publications),
    adjustments: byId(dataset.adjustments),
    temporaryTasks: byId(dataset.temporaryTasks),
  };
}
