import type { Indicator } from "../assessment/assessment-plan.ts";

// Indicator rows of the testing plans (demo-plan.ts, synthetic-plan.ts): the parent heading is
// the code's first three characters ("T01-2" → "T01").

/** A township indicator on its track. */
export const townshipIndicator = (
  code: string,
  name: string,
  fields: Pick<Indicator, "track" | "points" | "method" | "binding">,
): Indicator => ({ code, parentCode: code.slice(0, 3), name, subject: "TOWNSHIP", ...fields });

/** A department indicator (no track). */
export const departmentIndicator = (
  code: string,
  name: string,
  fields: Pick<Indicator, "points" | "method" | "binding">,
): Indicator => ({ code, parentCode: code.slice(0, 3), name, subject: "DEPARTMENT", track: null, ...fields });
