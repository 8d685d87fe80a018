import {
  type DomainError,
  type IsoDate,
  type ListIndex,
  type NoListRecorded,
  noListRecorded,
} from "@dutylist/core";
import { GraphQLError } from "graphql";

/** Expected failures of the core, thrown by resolvers and returned to clients as a union member. */
export class DomainErrors extends Error {
  constructor(readonly problems: readonly DomainError[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "DomainErrors";
  }
}

/**
 * A9: refuses a question about a date before the township's first recorded list with
 * `NO_LIST_RECORDED` (a `DomainErrors` member) — there were no lists that day, which is not
 * "off-list". For fields whose errors include `DomainErrors`.
 * @example requireListRecorded(index, "QX", "QX-CG", "2024-06-01", "城关镇") // throws DomainErrors
 */
export function requireListRecorded(
  index: ListIndex,
  countyCode: string,
  townshipCode: string,
  date: IsoDate,
  townshipName?: string,
): void {
  const missing = noListRecorded(index, countyCode, townshipCode, date, townshipName);
  if (missing !== null) throw new DomainErrors([missing]);
}

/**
 * `NO_LIST_RECORDED` for a field that has no error union (`listsAsOf` keeps its type for existing
 * clients): a GraphQL error, not masked, its `extensions` carrying the code, the county, the
 * township, the date asked and the first recorded date.
 * @example throw listNotRecordedError(problem) // errors[0].extensions.code === "NO_LIST_RECORDED"
 */
export function listNotRecordedError(problem: NoListRecorded): GraphQLError {
  const { _tag, message, ...where } = problem;
  return new GraphQLError(message, { extensions: { code: _tag, ...where } });
}
