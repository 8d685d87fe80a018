import type { IsoDate } from "./calendar-date.ts";

/**
 * The closed set of expected failures of the core. Every error carries a `_tag`, the place it
 * concerns (field, entry ids, change index) and a readable `message`; a caller maps tags
 * exhaustively (a new tag without a mapping does not compile).
 */
export type EntityKind =
  | "COUNTY"
  | "TOWNSHIP"
  | "DEPARTMENT"
  | "ITEM"
  | "INDICATOR"
  | "ENTRY"
  | "ADJUSTMENT"
  | "TEMPORARY_TASK"
  /** a stored assessment record of any kind: performance, whistle, guarantee, report, rating */
  | "RECORD";

export type ApprovalLevel = "COUNTY" | "PROVINCE";

/** A violation of the list invariants, found by `validateCountyLists` before anything is published. */
export type ListViolation =
  | {
      readonly _tag: "ITEM_ON_TWO_LISTS";
      readonly townshipCode: string;
      readonly itemCode: string;
      readonly entryIds: readonly [string, string];
      readonly message: string;
    }
  | { readonly _tag: "COOPERATIVE_WITHOUT_LEAD"; readonly entryId: string; readonly message: string }
  | { readonly _tag: "COOPERATIVE_WITHOUT_CONTENT"; readonly entryId: string; readonly message: string }
  | { readonly _tag: "RECLAIMED_WITHOUT_RECEIVER"; readonly entryId: string; readonly message: string }
  | {
      readonly _tag: "DUPLICATE_CODE";
      readonly kind: EntityKind;
      readonly code: string;
      readonly message: string;
    }
  | { readonly _tag: "MALFORMED_INTERVAL"; readonly entryId: string; readonly message: string }
  | {
      readonly _tag: "UNKNOWN_REFERENCE";
      /** Where the reference sits, e.g. `entry CGZ-JB-001 terms.leadDepartments[0]`. */
      readonly field: string;
      readonly kind: EntityKind;
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly _tag: "FOREIGN_TOWNSHIP_ITEM";
      readonly entryId: string;
      readonly itemCode: string;
      readonly ownerTownshipCode: string;
      readonly message: string;
    };

/**
 * A question about a date before the township's first recorded list (A9): there were no lists in
 * force to answer by — never "off-list".
 */
export interface NoListRecorded {
  readonly _tag: "NO_LIST_RECORDED";
  readonly countyCode: string;
  readonly townshipCode: string;
  /** The date asked about. */
  readonly date: IsoDate;
  /** The first day a list of the township was in force; `null` when none ever was. */
  readonly firstRecorded: IsoDate | null;
  readonly message: string;
}

/** Failures of operations on a dataset: proposing, approving, publishing, registering, closing. */
export type OperationError =
  | NoListRecorded
  | { readonly _tag: "INVALID_FIELD"; readonly field: string; readonly message: string }
  | { readonly _tag: "NOT_FOUND"; readonly kind: EntityKind; readonly id: string; readonly message: string }
  | {
      readonly _tag: "DUPLICATE_ID";
      readonly kind: EntityKind;
      readonly id: string;
      readonly message: string;
    }
  | { readonly _tag: "ALREADY_PUBLISHED"; readonly adjustmentId: string; readonly message: string }
  | { readonly _tag: "ALREADY_CLOSED"; readonly taskId: string; readonly message: string }
  | {
      readonly _tag: "MISSING_APPROVAL";
      readonly adjustmentId: string;
      readonly level: ApprovalLevel;
      readonly message: string;
    }
  | {
      readonly _tag: "CHANGE_CONFLICT";
      readonly adjustmentId: string;
      /** Position of the change in the adjustment, from 0. */
      readonly changeIndex: number;
      readonly townshipCode: string;
      readonly itemCode: string;
      readonly message: string;
    };

export type DomainError = ListViolation | OperationError;
export type DomainErrorTag = DomainError["_tag"];

// A Record over the union: adding a tag without listing it here does not compile.
const TAGS: Readonly<Record<DomainErrorTag, true>> = {
  ITEM_ON_TWO_LISTS: true,
  COOPERATIVE_WITHOUT_LEAD: true,
  COOPERATIVE_WITHOUT_CONTENT: true,
  RECLAIMED_WITHOUT_RECEIVER: true,
  DUPLICATE_CODE: true,
  MALFORMED_INTERVAL: true,
  UNKNOWN_REFERENCE: true,
  FOREIGN_TOWNSHIP_ITEM: true,
  INVALID_FIELD: true,
  NOT_FOUND: true,
  DUPLICATE_ID: true,
  ALREADY_PUBLISHED: true,
  ALREADY_CLOSED: true,
  MISSING_APPROVAL: true,
  CHANGE_CONFLICT: true,
  NO_LIST_RECORDED: true,
};

/** Every tag, for exhaustive mappings (e.g. to GraphQL error types). */
export const DOMAIN_ERROR_TAGS = Object.keys(TAGS) as readonly DomainErrorTag[];

/**
 * An `INVALID_FIELD` error naming the field and what is wrong with it.
 * @example invalidField("proposedOn", "不是有效日期:2025-02-30")
 */
export function invalidField(field: string, message: string): OperationError {
  return { _tag: "INVALID_FIELD", field, message };
}
