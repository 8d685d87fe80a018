import { type IsoDate, type ListEntry, recordedListsAsOf, type TownshipLists } from "@dutylist/core";
import { access } from "../access.ts";
import { builder } from "../builder.ts";
import { listNotRecordedError } from "../domain-errors.ts";
import { LegalCitationRef, ListTypeEnum } from "./county.ts";

const GuaranteeRef = builder.objectRef<{ kind: string; description: string }>("Guarantee").implement({
  description: "A guarantee the lead department provides (履职保障)",
  fields: (t) => ({ kind: t.exposeString("kind"), description: t.exposeString("description") }),
});

export const ListEntryRef = builder.objectRef<ListEntry>("ListEntry").implement({
  description: "One item on one township's list, as listed on the date asked (L1, L2)",
  fields: (t) => ({
    id: t.exposeString("id"),
    itemCode: t.exposeString("itemCode"),
    itemName: t.string({ resolve: (e) => e.content.name }),
    category: t.string({ resolve: (e) => e.content.category }),
    tasks: t.stringList({ resolve: (e) => [...e.content.tasks] }),
    basis: t.field({ type: [LegalCitationRef], resolve: (e) => [...e.content.basis] }),
    listType: t.field({ type: ListTypeEnum, resolve: (e) => e.terms.type }),
    effectiveFrom: t.field({ type: "Date", resolve: (e) => e.effectiveFrom }),
    effectiveTo: t.field({ type: "Date", nullable: true, resolve: (e) => e.effectiveTo }),
    openedBy: t.exposeString("openedBy"),
    leadDepartments: t.stringList({
      resolve: (e) => (e.terms.type === "COOPERATIVE" ? [...e.terms.leadDepartments] : []),
    }),
    departmentDuty: t.string({
      nullable: true,
      resolve: (e) => (e.terms.type === "COOPERATIVE" ? e.terms.departmentDuty : null),
    }),
    cooperationContent: t.stringList({
      resolve: (e) => (e.terms.type === "COOPERATIVE" ? [...e.terms.cooperationContent] : []),
    }),
    guarantees: t.field({
      type: [GuaranteeRef],
      resolve: (e) => (e.terms.type === "COOPERATIVE" ? [...e.terms.guarantees] : []),
    }),
    receivingDepartment: t.string({
      nullable: true,
      resolve: (e) => (e.terms.type === "RECLAIMED" ? e.terms.receivingDepartment : null),
    }),
    wayOfWorking: t.string({
      nullable: true,
      resolve: (e) => (e.terms.type === "RECLAIMED" ? e.terms.wayOfWorking : null),
    }),
    leadingPost: t.string({ nullable: true, resolve: (e) => e.assignment?.leadingPost ?? null }),
    office: t.string({ nullable: true, resolve: (e) => e.assignment?.office ?? null }),
    assistingUnits: t.stringList({ resolve: (e) => [...(e.assignment?.assistingUnits ?? [])] }),
  }),
});

const ListVersionRef = builder.objectRef<TownshipLists["version"]>("ListVersion").implement({
  description:
    "The version of a township's lists in force on a date: how many changes had taken effect, and the latest",
  fields: (t) => ({
    number: t.exposeInt("number"),
    changeId: t.exposeString("changeId", { nullable: true }),
    effectiveFrom: t.field({ type: "Date", nullable: true, resolve: (v) => v.effectiveFrom }),
  }),
});

const TownshipListsRef = builder
  .objectRef<TownshipLists & { readonly knownOn: IsoDate }>("TownshipLists")
  .implement({
    description: "A township's three lists on one date (L2), as recorded by `knownOn`",
    fields: (t) => ({
      townshipCode: t.exposeString("townshipCode"),
      asOf: t.field({ type: "Date", resolve: (l) => l.asOf }),
      knownOn: t.field({
        type: "Date",
        description: "the knowledge date the lists were answered as of (L2)",
        resolve: (l) => l.knownOn,
      }),
      version: t.field({ type: ListVersionRef, resolve: (l) => l.version }),
      basic: t.field({ type: [ListEntryRef], resolve: (l) => [...l.basic] }),
      cooperative: t.field({ type: [ListEntryRef], resolve: (l) => [...l.cooperative] }),
      reclaimed: t.field({ type: [ListEntryRef], resolve: (l) => [...l.reclaimed] }),
    }),
  });

builder.queryField("listsAsOf", (t) =>
  t.field({
    authScopes: access("listsAsOf", (a) => ({ countyCode: a.countyCode, townshipCodes: [a.townshipCode] })),
    type: TownshipListsRef,
    nullable: true,
    description:
      "A township's basic, cooperative and reclaimed lists as they stood on a date; null for an unknown county or a township not of that county; before the township's first recorded list, an error with extensions.code NO_LIST_RECORDED (A9)",
    args: {
      countyCode: t.arg.string({ required: true }),
      townshipCode: t.arg.string({ required: true }),
      date: t.arg({ type: "Date", required: true }),
      knownOn: t.arg({
        type: "Date",
        description:
          "answer from what had been recorded by this day (L2 knowledge time; default today): an adjustment published later is not yet in the lists",
      }),
    },
    resolve: async (_root, args, ctx) => {
      // Township codes are unique within a county only: the township is looked up in the county named.
      const county = await ctx.countyAsKnownOn(args.countyCode, args.knownOn);
      if (county === null || !county.determinations.directory.townships.has(args.townshipCode)) return null;
      // A9: before the township's first recorded list there were no lists: an error, not empty lists.
      const lists = recordedListsAsOf(
        county.determinations.index,
        args.countyCode,
        args.townshipCode,
        args.date as IsoDate,
      );
      if (!lists.ok) throw listNotRecordedError(lists.errors[0]);
      return { ...lists.value, knownOn: county.knownOn };
    },
  }),
);
