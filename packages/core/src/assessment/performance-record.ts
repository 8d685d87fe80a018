import type { IsoDate } from "../base/calendar-date.ts";
import type { DecimalString } from "../base/exact-decimal.ts";
import type { PartyRef } from "../county/county.ts";
import type { GuaranteeKind } from "../lists/list-entry.ts";

/** The value a record carries; its kind matches the indicator's scoring method (S8). */
export type RecordValue =
  | { readonly kind: "RATIO"; readonly achieved: DecimalString; readonly target: DecimalString }
  | { readonly kind: "DEDUCTION"; readonly events: number }
  | { readonly kind: "GRADED"; readonly score: DecimalString }
  | { readonly kind: "PASS_FAIL"; readonly passed: boolean };

/**
 * A dated performance record (考核记录) of a subject on an indicator, about a list item in a
 * township — or about an off-list matter, which scoring excludes and reports (S7).
 */
export interface PerformanceRecord {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly indicatorCode: string;
  readonly subject: PartyRef;
  /** The township whose lists the record is judged against (for a township subject, itself). */
  readonly townshipCode: string;
  /** The item the record is about; `null` for an off-list matter. */
  readonly itemCode: string | null;
  /** What the record is about, in words (required for an off-list matter). */
  readonly matter: string | null;
  readonly date: IsoDate;
  readonly value: RecordValue;
}

/** A township's whistle (吹哨) to a department, and when it was answered (报到). */
export interface WhistleRequest {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly townshipCode: string;
  readonly departmentCode: string;
  readonly itemCode: string;
  readonly raisedOn: IsoDate;
  /** Days the department has to answer, counting from the day after it was raised. */
  readonly timeLimitDays: number;
  readonly answeredOn: IsoDate | null;
  /**
   * Knowledge time (L2) of the answer when it came later than the whistle, from the loop's first
   * report (H2): as known before that day, the whistle was unanswered.
   */
  readonly answerRecordedOn?: IsoDate;
}

/** A guarantee a lead department owes a township on a cooperative item, and its delivery. */
export interface GuaranteeDelivery {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly itemCode: string;
  readonly kind: GuaranteeKind;
  readonly dueBy: IsoDate;
  readonly deliveredOn: IsoDate | null;
}

/** A report that a department pushed off-list work onto a township without registration (S5, A4). */
export interface PushDownReport {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly matter: string;
}

/** A report that a reclaimed item was left unattended by the department it went to (S5, A6). */
export interface UnattendedReport {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly itemCode: string;
  readonly date: IsoDate;
}

/** A township's rating of a department in the two-way evaluation (双向评价, S6), 0–100. */
export interface DepartmentRating {
  readonly id: string;
  readonly countyCode: string;
  /** Knowledge time (L2): the date the engine recorded it; absent on a record not yet stored. */
  readonly recordedOn?: IsoDate;
  readonly year: number;
  readonly townshipCode: string;
  readonly departmentCode: string;
  readonly score: DecimalString;
}

/** Everything recorded for a county's assessment year. */
export interface AssessmentRecords {
  readonly performance: readonly PerformanceRecord[];
  readonly whistles: readonly WhistleRequest[];
  readonly guarantees: readonly GuaranteeDelivery[];
  readonly pushDowns: readonly PushDownReport[];
  readonly unattended: readonly UnattendedReport[];
  readonly ratings: readonly DepartmentRating[];
}
