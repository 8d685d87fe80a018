export { DEMO_CASES, type DemoCase } from "./demo-cases.ts";
export { demoCounty } from "./demo-county.ts";
export { demoAssessmentPlan, demoPreviousPlanCounts } from "./demo-plan.ts";
export {
  DEFAULT_BASELINE_DATE,
  type GenerateCountyOptions,
  generateCounty,
  NATIONAL_AVERAGES,
} from "./generator.ts";
export { createRandom, type IntRange, type Present, type Random } from "./random.ts";
export {
  type GenerateRecordsOptions,
  generateRecords,
  inServiceOrder,
  withItemsIndicator,
  withOddities,
} from "./records-generator.ts";
export { type MidYearHistoryOptions, withMidYearHistory } from "./synthetic-history.ts";
export { syntheticPlan } from "./synthetic-plan.ts";
