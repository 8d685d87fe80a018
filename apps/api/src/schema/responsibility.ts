import {
  type Determination,
  determineResponsibility,
  type FailureCase,
  type IsoDate,
  type PartyDetermination,
  type ResponsibilityCitation,
} from "@dutylist/core";
import { listDeterminations, saveDetermination } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import type { Context } from "../context.ts";
import { countyNotFound } from "../county-change.ts";
import { LegalCitationRef } from "./county.ts";
import { DomainErrors, refusedAsTyped, StoreRefusal } from "./errors.ts";

export const RoleEnum = builder.enumType("Role", { values: ["PRIMARY", "SECONDARY", "NONE"] as const });
export const PartyKindEnum = builder.enumType("PartyKind", { values: ["TOWNSHIP", "DEPARTMENT"] as const });
export const DeterminationListTypeEnum = builder.enumType("DeterminationListType", {
  values: ["BASIC", "COOPERATIVE", "RECLAIMED", "TEMPORARY", "OFF_LIST"] as const,
});

const PartyRef = builder.objectRef<PartyDetermination["party"]>("Party").implement({
  fields: (t) => ({
    kind: t.field({ type: PartyKindEnum, resolve: (p) => p.kind }),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
  }),
});

const FactorRef = builder.objectRef<PartyDetermination["factors"][number]>("Factor").implement({
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "AGGRAVATING or MITIGATING" }),
    code: t.exposeString("code"),
    ruleId: t.exposeString("ruleId"),
    description: t.exposeString("description"),
  }),
});

const CitationRef = builder.objectRef<ResponsibilityCitation>("Citation").implement({
  description:
    "The item (or task) as listed that day, its list, the entry's interval, the list version, the basis",
  fields: (t) => ({
    itemCode: t.exposeString("itemCode"),
    itemName: t.exposeString("itemName"),
    listType: t.field({ type: DeterminationListTypeEnum, resolve: (c) => c.listType }),
    sourceId: t.exposeString("sourceId"),
    effectiveFrom: t.field({ type: "Date", resolve: (c) => c.effectiveFrom }),
    effectiveTo: t.field({ type: "Date", nullable: true, resolve: (c) => c.effectiveTo }),
    listVersion: t.int({ resolve: (c) => c.listVersion.number }),
    listVersionChangeId: t.string({ nullable: true, resolve: (c) => c.listVersion.changeId }),
    basis: t.field({ type: [LegalCitationRef], resolve: (c) => [...c.basis] }),
  }),
});

const PartyDeterminationRef = builder.objectRef<PartyDetermination>("PartyDetermination").implement({
  fields: (t) => ({
    party: t.field({ type: PartyRef, resolve: (p) => p.party }),
    role: t.field({ type: RoleEnum, resolve: (p) => p.role }),
    factors: t.field({ type: [FactorRef], resolve: (p) => [...p.factors] }),
    ruleIds: t.stringList({ resolve: (p) => [...p.ruleIds] }),
    citations: t.field({ type: [CitationRef], resolve: (p) => [...p.citations] }),
    reason: t.exposeString("reason", { nullable: true }),
    explanation: t.exposeString("explanation"),
  }),
});

export const DeterminationRef = builder.objectRef<Determination>("Determination").implement({
  description: "Who bears primary, secondary or no responsibility for a failure, and why (A1–A11)",
  fields: (t) => ({
    decisionId: t.exposeString("decisionId"),
    townshipCode: t.string({ resolve: (d) => d.failure.townshipCode }),
    date: t.field({ type: "Date", resolve: (d) => d.failure.date }),
    listType: t.field({ type: DeterminationListTypeEnum, resolve: (d) => d.listType }),
    parties: t.field({ type: [PartyDeterminationRef], resolve: (d) => [...d.parties] }),
    ruleIds: t.stringList({ resolve: (d) => [...d.ruleIds] }),
    violations: t.stringList({
      description: "violations found, e.g. an unregistered push-down (A4)",
      resolve: (d) => d.violations.map((v) => v.message),
    }),
    summary: t.exposeString("summary"),
    knownOn: t.field({
      type: "Date",
      nullable: true,
      description: "the knowledge date the determination answered as of (L2): what had been recorded by then",
      resolve: (d) => d.knownOn,
    }),
  }),
});

const FalsifierInput = builder.inputType("FalsifierInput", {
  fields: (t) => ({
    kind: t.field({ type: PartyKindEnum, required: true }),
    code: t.string({ required: true }),
  }),
});

const FindingsInput = builder.inputType("FindingsInput", {
  description: "What the inspectors established; anything left out never makes a township responsible (A11)",
  fields: (t) => ({
    townshipAtFault: t.boolean(),
    withinCooperationContent: t.boolean(),
    townshipRefusedCooperation: t.boolean(),
    guaranteesDelivered: t.boolean(),
    pushedDownBy: t.string({ description: "department code (A4)" }),
    temporaryTaskId: t.string({ description: "registered temporary task (A5)" }),
    falsifiedBy: t.field({ type: [FalsifierInput] }),
    receivingDepartmentTookOver: t.boolean(),
    territorialClaim: t.boolean({ description: "argued as 属地管理 (A3)" }),
    otherDepartments: t.stringList(),
  }),
});

const FailureCaseInput = builder.inputType("FailureCaseInput", {
  fields: (t) => ({
    townshipCode: t.string({ required: true }),
    date: t.field({ type: "Date", required: true }),
    itemCode: t.string({ description: "the list item; omit for an off-list matter" }),
    matter: t.string({ description: "the off-list matter, in words" }),
    findings: t.field({ type: FindingsInput }),
    knownOn: t.field({
      type: "Date",
      description:
        "answer from what had been recorded by this day (L2 knowledge time; default today): the lists, adjustments and ledger as an inspector could have read them then",
    }),
  }),
});

type FailureCaseArgs = typeof FailureCaseInput.$inferInput;

function toFailureCase(input: FailureCaseArgs): FailureCase {
  const f = input.findings ?? {};
  const defined = <K extends string, V>(key: K, value: V | null | undefined) =>
    (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    townshipCode: input.townshipCode,
    date: input.date as IsoDate,
    subject:
      input.itemCode != null
        ? { kind: "ITEM", itemCode: input.itemCode }
        : { kind: "MATTER", description: input.matter ?? "" },
    findings: {
      ...defined("townshipAtFault", f.townshipAtFault),
      ...defined("withinCooperationContent", f.withinCooperationContent),
      ...defined("townshipRefusedCooperation", f.townshipRefusedCooperation),
      ...defined("guaranteesDelivered", f.guaranteesDelivered),
      ...defined("pushedDownBy", f.pushedDownBy),
      ...defined("temporaryTaskId", f.temporaryTaskId),
      ...defined(
        "falsifiedBy",
        f.falsifiedBy?.map((p) => ({ kind: p.kind, code: p.code })),
      ),
      ...defined("receivingDepartmentTookOver", f.receivingDepartmentTookOver),
      ...defined("territorialClaim", f.territorialClaim),
      ...defined("otherDepartments", f.otherDepartments),
    },
  };
}

/** The determination in the county named: its township, items and departments are the county's. */
async function determine(ctx: Context, countyCode: string, input: FailureCaseArgs): Promise<Determination> {
  const county = await ctx.countyAsKnownOn(countyCode, input.knownOn);
  if (county === null) throw countyNotFound(countyCode);
  // Township codes are unique within a county only: never looked up across counties.
  if (!county.determinations.directory.townships.has(input.townshipCode)) {
    throw new DomainErrors([
      {
        _tag: "NOT_FOUND",
        kind: "TOWNSHIP",
        id: input.townshipCode,
        message: `${countyCode} 没有乡镇 ${input.townshipCode}`,
      },
    ]);
  }
  const result = determineResponsibility(county.determinations, toFailureCase(input));
  if (!result.ok) throw new DomainErrors(result.errors);
  return result.value;
}

builder.queryField("determineResponsibility", (t) =>
  t.field({
    authScopes: access("determineResponsibility", inCounty),
    type: DeterminationRef,
    description:
      "Determines responsibility for a failure from the lists in force on its date (A1–A11); stores nothing",
    errors: { types: [DomainErrors] },
    args: {
      countyCode: t.arg.string({ required: true, description: "the county whose lists decide" }),
      input: t.arg({ type: FailureCaseInput, required: true }),
    },
    resolve: (_root, args, ctx) => determine(ctx, args.countyCode, args.input),
  }),
);

builder.mutationField("recordFailureCase", (t) =>
  t.field({
    authScopes: access("recordFailureCase", inCounty),
    type: DeterminationRef,
    description:
      "Determines responsibility and stores the case under its decision id (storing it again changes nothing)",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({
        required: true,
        description: "the county whose lists decide, and that stores the case",
      }),
      input: t.arg({ type: FailureCaseInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const determination = await determine(ctx, args.countyCode, args.input);
      await refusedAsTyped("determination", () =>
        saveDetermination(ctx.db, args.countyCode, determination, stampOf(ctx, "recordFailureCase", args)),
      );
      return determination;
    },
  }),
);

builder.queryField("determinations", (t) =>
  t.field({
    authScopes: access("determinations", inCounty),
    type: [DeterminationRef],
    description: "Stored failure cases of a county, newest first",
    args: { countyCode: t.arg.string({ required: true }), townshipCode: t.arg.string() },
    resolve: (_root, args, ctx) =>
      listDeterminations(
        ctx.db,
        args.countyCode,
        args.townshipCode == null ? {} : { townshipCode: args.townshipCode },
      ),
  }),
);
