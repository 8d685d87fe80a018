import type { Adjustment, AdjustmentRoute, CountyDataset, IsoDate } from "@dutylist/core";

// Importing a county's lists: a county not yet stored is created from the workbook (its first
// publication); for a stored county the workbook is a version of its lists, and what differs
// from the stored history is recorded as adjustments (L2, L3) — never overwritten.
export interface CountyImportOptions {
  /** The county, when the workbook has no 清单信息 sheet naming it. */
  readonly countyCode?: string;
  readonly countyName?: string;
  /** The date the workbook's lists stand on (版本日期); overrides the workbook's. */
  readonly asOf?: IsoDate;
  /**
   * The stored county's revision (`countyRevision`): a workbook exported at an older one (its
   * 数据版本) that would change the lists is refused, listing what it would undo.
   */
  readonly storedRevision?: bigint;
  /** `--allow-stale`: import a workbook older than the stored county anyway. */
  readonly allowStale?: boolean;
  /** `--max-removal-share`: the share of a township's entries an import may remove (0.2). */
  readonly maxRemovalShare?: number;
  /** `--confirm-removals`: remove more than that share, or a whole list, as the workbook says. */
  readonly confirmRemovals?: boolean;
  /** The date pending proposals are recorded as proposed on (the CLI passes today). */
  readonly proposedOn?: IsoDate;
  /**
   * Knowledge time (L2): the day the import is recorded — the CLI and the API pass today. Every
   * publication, proposal, approval, task registration and closing the import writes carries it.
   * Absent (fixtures, the sample workbook): each change is taken as recorded on the date it states.
   */
  readonly recordedOn?: IsoDate;
}

export interface CreatedCounty {
  readonly kind: "CREATE";
  readonly dataset: CountyDataset;
}

export interface AdjustedCounty {
  readonly kind: "ADJUST";
  readonly before: CountyDataset;
  readonly dataset: CountyDataset;
  readonly adjustments: readonly Adjustment[];
  /** Each adjustment's route (L4), in the same order. */
  readonly routes: readonly AdjustmentRoute[];
  /**
   * Whether the adjustments are proposals only (the workbook's 清单信息 has no county approval):
   * stored unapproved and unpublished, to approve and publish in the usual workflow.
   */
  readonly pending: boolean;
  readonly registeredTasks: number;
  readonly closedTasks: number;
}

/** What importing a workbook's lists would do; nothing is written by planning it. */
export type CountyImport =
  /** The workbook has no list, party or task sheet. */
  | { readonly kind: "NONE" }
  /**
   * Problems were logged; nothing may be written. `dataset` is the county as far as it could be
   * read (the stored one, or what the workbook's readable rows give), to check its other sheets.
   */
  | { readonly kind: "REJECTED"; readonly dataset: CountyDataset | null }
  | { readonly kind: "UNCHANGED"; readonly dataset: CountyDataset }
  | CreatedCounty
  | AdjustedCounty;
