import { type LateRecording, recordedLate } from "@dutylist/core";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";

// L2 knowledge time: what was recorded after the day it speaks about — beside any answer "as
// known on" a day, what that answer could not yet see.

const LateRecordingKindEnum = builder.enumType("LateRecordingKind", {
  description: "a list publication, an adjustment's publication, a task registration or a task closing",
  values: ["PUBLICATION", "ADJUSTMENT", "TASK_REGISTRATION", "TASK_CLOSING"] as const,
});

const LateRecordingRef = builder.objectRef<LateRecording>("LateRecording").implement({
  description: "A change the engine recorded after the day it speaks about (L2)",
  fields: (t) => ({
    kind: t.field({ type: LateRecordingKindEnum, resolve: (r) => r.kind }),
    id: t.exposeString("id", { description: "the publication, adjustment or task" }),
    speaksAbout: t.field({
      type: "Date",
      description: "the effective, registration or closing date the change states",
      resolve: (r) => r.speaksAbout,
    }),
    recordedOn: t.field({ type: "Date", resolve: (r) => r.recordedOn }),
    message: t.exposeString("message"),
  }),
});

builder.queryField("recordedLate", (t) =>
  t.field({
    authScopes: access("recordedLate", inCounty),
    type: [LateRecordingRef],
    nullable: true,
    description:
      "Changes recorded after the day they speak about (L2), oldest first; `about` and `recordedAfter` narrow them to what an answer about a day, as known on another, could not see. Null for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      about: t.arg({ type: "Date", description: "only changes that speak about this day or earlier" }),
      recordedAfter: t.arg({ type: "Date", description: "only changes recorded after this day" }),
    },
    resolve: async (_root, args, ctx) => {
      const county = await ctx.county(args.countyCode);
      if (county === null) return null;
      return recordedLate(county.dataset, {
        ...(args.about == null ? {} : { about: args.about }),
        ...(args.recordedAfter == null ? {} : { recordedAfter: args.recordedAfter }),
      });
    },
  }),
);
