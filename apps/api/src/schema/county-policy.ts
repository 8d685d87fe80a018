import { type CountyPolicy, describeCountyPolicy } from "@dutylist/core";
import { loadCountyPolicy } from "@dutylist/store";
import { builder } from "../builder.ts";

const POLICY_NOTE = "Policy, not a rule (政策设定,非规则): the seed texts leave it to the county.";

const PolicySettingRef = builder
  .objectRef<ReturnType<typeof describeCountyPolicy>[number]>("PolicySetting")
  .implement({
    description: `One setting of a county's policy with its value, in Chinese. ${POLICY_NOTE}`,
    fields: (t) => ({
      key: t.exposeString("key", { description: "the field of CountyPolicy, e.g. quotaTies" }),
      name: t.exposeString("name", { description: "e.g. 名额线上的并列" }),
      value: t.exposeString("value", { description: "e.g. 不拆分,并列者均不评最高等次(NONE)" }),
    }),
  });

const CountyPolicyRef = builder.objectRef<CountyPolicy>("CountyPolicy").implement({
  description:
    "A county's policy settings (政策设定,非规则): choices the seed texts never state, which the engine " +
    "applies when scoring, grading, flagging resemblances and presenting figures. They are policy, " +
    "not rules (the rules are S1–S10, A1–A11, L1–L7, H1–H2); a county that set none has the defaults.",
  fields: (t) => ({
    notApplicable: t.exposeString("notApplicable", {
      description: `Inapplicable indicators: PRORATE (default, 按比例折算) or EXCLUDE. ${POLICY_NOTE}`,
    }),
    quotaTies: t.exposeString("quotaTies", {
      description: `A tie at a quota's cut: NONE (default; none of it gets the top grade) or ALL. ${POLICY_NOTE}`,
    }),
    resemblanceThreshold: t.field({
      type: "Decimal",
      description: `Similarity (0–1) at or above which a proposal resembling a reclaimed item is flagged (L6); default 0.6. ${POLICY_NOTE}`,
      resolve: (p) => p.resemblanceThreshold,
    }),
    roundingPlaces: t.int({
      description: `Places of published figures (S8: rounded once, at presentation; default 2). ${POLICY_NOTE}`,
      resolve: (p) => p.rounding.places,
    }),
    roundingMode: t.string({
      description: `HALF_UP (default), HALF_EVEN or DOWN. ${POLICY_NOTE}`,
      resolve: (p) => p.rounding.mode,
    }),
    settings: t.field({
      type: [PolicySettingRef],
      description:
        "Every setting with its value, in Chinese — the grading rules included (default: 优秀 ≤ 30 % and ≥ 90, 良好 ≥ 80, 合格 ≥ 60)",
      resolve: (p) => describeCountyPolicy(p),
    }),
  }),
});

builder.prismaObjectField("County", "policy", (t) =>
  t.field({
    type: CountyPolicyRef,
    description:
      "The county's policy settings (政策设定,非规则) — policy, not rules; defaults where it set none",
    resolve: (county, _args, ctx) => loadCountyPolicy(ctx.db, county.id),
  }),
);
