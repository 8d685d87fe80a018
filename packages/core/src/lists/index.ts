// The three lists and their history (L1, L2, L6, L7): entries, the entry in force, lists as of a date, validation, the review report.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  entryTermsProblems,
  type TermsProblem,
} from "./entry-terms-check.ts";
export { firstListDate, noListRecorded, recordedListsAsOf } from "./list-coverage.ts";
export {
  type BasicTerms,
  type CooperativeTerms,
  type EntryTerms,
  entryDepartments,
  entryInterval,
  GUARANTEE_KIND_NAMES,
  GUARANTEE_KINDS,
  type Guarantee,
  type GuaranteeKind,
  type InternalAssignment,
  LIST_TYPE_NAMES,
  LIST_TYPES,
  type ListEntry,
  type ListType,
  type ReclaimedTerms,
} from "./list-entry.ts";
export {
  buildListIndex,
  closedAfter,
  type EntryLookup,
  entryAsOf,
  entryHistory,
  entryInForce,
  type ListChangeEvent,
  type ListIndex,
  type ListVersion,
  listVersionAsOf,
  lookupIn,
  positionInForce,
} from "./list-index.ts";
export {
  type BuildListReportOptions,
  buildListReport,
  findUnassignedItems,
  type ListReport,
  pushDownResemblances,
  type ReportedPushDown,
  type UnassignedItem,
} from "./list-report.ts";
export { validateCountyLists } from "./list-validation.ts";
export {
  listsAsOf,
  type TownshipLists,
} from "./lists-as-of.ts";
export {
  compareWithReclaimed,
  type FindResemblancesOptions,
  findResemblances,
  type Proposal,
  type ResemblanceFlag,
  reclaimedInCounty,
  textSimilarity,
} from "./resemblance.ts";
