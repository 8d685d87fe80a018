// Responsibility determination (A1–A11): failure cases, roles, factors, citations.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  type Determination,
  type DeterminationListType,
  type Factor,
  type FactorCode,
  type NamedParty,
  type PartyDetermination,
  type ReportedViolation,
  type ResponsibilityCitation,
  type Role,
  type Situation,
} from "./determination.ts";
export {
  checkFailureCase,
  type FailureCase,
  failureCaseErrors,
  type FailureSubject,
  type Findings,
  normalizeFailureCase,
} from "./failure-case.ts";
export {
  ROLE_NAMES,
} from "./responsibility-outcome.ts";
export {
  determineResponsibility,
} from "./responsibility.ts";
