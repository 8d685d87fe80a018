// The 12345 hotline and the whistle loop (H1, H2): dispatch by the lists, the loop's steps and figures.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  type Dispatch,
  type DispatchParty,
  dispatchByLists,
  dispatchDesk,
  recordedDispatchByLists,
  type UnassignedReason,
  unassignedDispatch,
} from "./dispatch.ts";
export {
  allWhistleFigures,
  type JudgedWhistle,
  judgeWhistles,
  type WhistleFigures,
  type WhistleGrouping,
  whistleFigures,
} from "./whistle-figures.ts";
export {
  answeredInTime,
  checkWhistleStep,
  WHISTLE_STATUS_NAMES,
  WHISTLE_STEP_NAMES,
  WHISTLE_STEP_PARTY,
  WHISTLE_STEPS,
  type WhistleEvent,
  type WhistleProgress,
  type WhistleStatus,
  type WhistleStep,
  type WhistleStepProblem,
  whistleDeadline,
  whistleProgress,
} from "./whistle-loop.ts";
