import type { DeterminationListType, IsoDate, Role } from "@dutylist/core";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { endOfRecordingDay } from "../knowledge-date.ts";
import { DeterminationListTypeEnum, PartyKindEnum, RoleEnum } from "./responsibility.ts";

const RoleRef = RoleEnum;
const PartyKindRef = PartyKindEnum;
const DeterminationListTypeRef = DeterminationListTypeEnum;

const determination = <K extends "date" | "townshipCode" | "listType">(column: K) => ({
  determination: { select: { [column]: true } as Record<K, true> },
});

builder.prismaObject("DeterminationParty", {
  name: "DeterminationFact",
  description:
    "One party of one stored failure case (A1–A11): the flat rows BI tools read, one per party × case",
  fields: (t) => ({
    decisionId: t.exposeString("decisionId"),
    date: t.field({
      type: "Date",
      description: "the date of the failure",
      select: determination("date"),
      resolve: (p) => p.determination.date,
    }),
    townshipCode: t.string({
      select: determination("townshipCode"),
      resolve: (p) => p.determination.townshipCode,
    }),
    listType: t.field({
      type: DeterminationListTypeRef,
      select: determination("listType"),
      // Written by saveDetermination from the core's DeterminationListType.
      resolve: (p) => p.determination.listType as DeterminationListType,
    }),
    partyKind: t.field({ type: PartyKindRef, resolve: (p) => p.partyKind }),
    partyCode: t.exposeString("partyCode"),
    role: t.field({ type: RoleRef, resolve: (p) => p.role }),
    ruleIds: t.exposeStringList("ruleIds"),
    factors: t.exposeStringList("factors", { description: "factor codes (aggravating, mitigating)" }),
    reason: t.exposeString("reason", { nullable: true }),
    explanation: t.exposeString("explanation"),
  }),
});

builder.queryField("determinationFacts", (t) =>
  t.prismaConnection({
    authScopes: access("determinationFacts", inCounty),
    type: "DeterminationParty",
    cursor: "countyId_decisionId_partyKind_partyCode",
    description:
      "The stored determinations of a county as flat facts, one per party × case, ordered by decision and party; empty for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      townshipCode: t.arg.string({ description: "the township of the failure" }),
      role: t.arg({ type: RoleRef }),
      partyCode: t.arg.string({ description: "a township's or a department's code" }),
      knownOn: t.arg({
        type: "Date",
        description: "only cases recorded by the end of this day, in the counties' zone (L2)",
      }),
    },
    totalCount: (_root, args, ctx) => ctx.db.prisma.determinationParty.count({ where: factsWhere(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.determinationParty.findMany({
        ...query,
        where: factsWhere(args),
        orderBy: [{ decisionId: "asc" }, { partyKind: "asc" }, { partyCode: "asc" }],
      }),
  }),
);

function factsWhere(args: {
  readonly countyCode: string;
  readonly townshipCode?: string | null | undefined;
  readonly role?: Role | null | undefined;
  readonly partyCode?: string | null | undefined;
  readonly knownOn?: IsoDate | null | undefined;
}) {
  // L2: a case is known from the instant it was stored; the day ends at midnight in the counties' zone.
  const recordedAt = args.knownOn == null ? {} : { recordedAt: { lt: endOfRecordingDay(args.knownOn) } };
  const township = args.townshipCode == null ? {} : { townshipCode: args.townshipCode };
  const determination = { ...township, ...recordedAt };
  return {
    countyId: args.countyCode,
    ...(args.role == null ? {} : { role: args.role }),
    ...(args.partyCode == null ? {} : { partyCode: args.partyCode }),
    ...(Object.keys(determination).length === 0 ? {} : { determination }),
  };
}
