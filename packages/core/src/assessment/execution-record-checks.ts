// The input checks of the records departments are assessed on besides performance records: the
// facts of their list execution (S5: whistles, guarantees, push-downs, unattended items) and the
// townships' ratings of them (S6). Whether the lists make a department responsible for a whistle,
// or a registered task covers a push-down, is decided when the year is scored (S5), not here.
import type {
  DepartmentRating,
  GuaranteeDelivery,
  PushDownReport,
  UnattendedReport,
  WhistleRequest,
} from "./performance-record.ts";
import {
  checkAmount,
  checkCount,
  checkKnown,
  checkNotBefore,
  checkText,
  type RecordCheckContext,
  type RecordDraft,
  type RecordProblem,
  STORED_RECORD_COLUMNS,
} from "./record-checks.ts";

type Parties = { readonly townshipCode?: string | undefined; readonly departmentCode?: string | undefined };

function partyProblems(
  draft: Parties,
  context: RecordCheckContext,
): RecordProblem<"townshipCode" | "departmentCode">[] {
  return [
    ...checkKnown(context, "townshipCode", "TOWNSHIP", draft.townshipCode),
    ...checkKnown(context, "departmentCode", "DEPARTMENT", draft.departmentCode),
  ];
}

/**
 * H2, S5: a whistle names a known township, department and item, gives the department a time
 * limit from 0 days, and is not answered before it was raised.
 * @example checkWhistleRequest({ ...whistle, answeredOn: "2025-06-09" }, context)[0]?.code // "DATE_ORDER"
 */
export function checkWhistleRequest(
  draft: RecordDraft<WhistleRequest>,
  context: RecordCheckContext,
): RecordProblem<keyof WhistleRequest>[] {
  return [
    ...partyProblems(draft, context),
    ...checkKnown(context, "itemCode", "ITEM", draft.itemCode),
    ...checkCount("timeLimitDays", draft.timeLimitDays, "报到时限(天)", 0, "H2"),
    ...checkNotBefore("answeredOn", draft.answeredOn, draft.raisedOn, "报到不能早于吹哨", "H2"),
  ];
}

/**
 * S5: a guarantee names a known department, township and item.
 * @example checkGuaranteeDelivery({ ...delivery, departmentCode: "NOPE" }, context)[0]?.field // "departmentCode"
 */
export function checkGuaranteeDelivery(
  draft: RecordDraft<GuaranteeDelivery>,
  context: RecordCheckContext,
): RecordProblem<keyof GuaranteeDelivery>[] {
  return [...partyProblems(draft, context), ...checkKnown(context, "itemCode", "ITEM", draft.itemCode)];
}

/**
 * S5, A4: a push-down report names a known department and township and says in words what was
 * pushed down.
 * @example checkPushDownReport({ ...report, matter: " " }, context)[0]?.code // "TEXT_REQUIRED"
 */
export function checkPushDownReport(
  draft: RecordDraft<PushDownReport>,
  context: RecordCheckContext,
): RecordProblem<keyof PushDownReport>[] {
  return [...partyProblems(draft, context), ...checkText("matter", draft.matter, "须写明转嫁的事项", "S5")];
}

/**
 * S5, A6: an unattended report names a known department, township and item.
 * @example checkUnattendedReport({ ...report, itemCode: "ZZ-999" }, context)[0]?.code // "UNKNOWN_ITEM"
 */
export function checkUnattendedReport(
  draft: RecordDraft<UnattendedReport>,
  context: RecordCheckContext,
): RecordProblem<keyof UnattendedReport>[] {
  return [...partyProblems(draft, context), ...checkKnown(context, "itemCode", "ITEM", draft.itemCode)];
}

/** The fields of a rating its checks name. */
export type RatingField = "year" | "townshipCode" | "departmentCode" | "score";

/**
 * S6: a rating is a known township's of a known department, in a year from 1, scored 0–100 within
 * the column's places. That a township rates a department once a year is `repeatedRatings`'.
 * @example checkDepartmentRating({ ...rating, score: "120" }, context)[0]?.message // "评分不能大于 100(120)"
 */
export function checkDepartmentRating(
  draft: RecordDraft<DepartmentRating>,
  context: RecordCheckContext,
): RecordProblem<RatingField>[] {
  const column = (context.columns ?? STORED_RECORD_COLUMNS).ratingScore;
  return [
    ...checkCount("year", draft.year, "年度", 1, null),
    ...partyProblems(draft, context),
    ...checkAmount("score", draft.score, {
      name: "评分",
      min: "0",
      minInclusive: true,
      max: "100",
      column,
      ruleId: "S6",
    }),
  ];
}
