// Knowledge time (L2): the county as known on a day, and what was recorded late.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  datasetAsKnownOn,
  isKnownOn,
  latestRecording,
} from "./dataset-as-known-on.ts";
export {
  type LateRecording,
  type LateRecordingKind,
  type RecordedLateOptions,
  recordedLate,
} from "./recorded-late.ts";
