import type { ResemblanceFlag } from "@dutylist/core";
import { builder } from "../builder.ts";

// L6 flags, as every field that raises them answers (proposeAdjustment, registerTemporaryTask,
// listReview).

const ResemblanceMatchEnum = builder.enumType("ResemblanceMatch", {
  values: ["NAME", "TASKS", "COOPERATION_CONTENT"] as const,
});

export const ResemblanceFlagRef = builder.objectRef<ResemblanceFlag>("ResemblanceFlag").implement({
  description:
    "Something proposed to a township that closely resembles an item reclaimed in the county (明减暗增, L6): for review, not a refusal",
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    proposalRef: t.exposeString("proposalRef"),
    townshipCode: t.exposeString("townshipCode"),
    reclaimedEntryId: t.exposeString("reclaimedEntryId"),
    itemCode: t.exposeString("itemCode"),
    itemName: t.exposeString("itemName"),
    receivingDepartment: t.exposeString("receivingDepartment"),
    similarity: t.exposeFloat("similarity", {
      description: "Dice similarity of character bigrams, 0–1 (a heuristic, not a score)",
    }),
    matchedOn: t.field({ type: ResemblanceMatchEnum, resolve: (f) => f.matchedOn }),
    message: t.exposeString("message"),
  }),
});
