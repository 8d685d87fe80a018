// Responsibility determination (A1–A11): failure cases, roles, factors, citations.
// The names this concept offers the rest of the core and the package index; the others are its own.
export type {
  Determination,
  DeterminationListType,
  Factor,
  FactorCode,
  NamedParty,
  PartyDetermination,
  ReportedViolation,
  ResponsibilityCitation,
  Role,
  Situation,
  ViolationCode,
} from "./determination.ts";
export {
  checkFailureCase,
  type FailureCase,
  type FailureSubject,
  type Findings,
  failureCaseErrors,
  normalizeFailureCase,
} from "./failure-case.ts";
export { determineResponsibility } from "./responsibility.ts";
export { ROLE_NAMES } from "./responsibility-outcome.ts";
