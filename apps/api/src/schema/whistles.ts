import {
  type DomainError,
  dispatchByLists,
  dispatchDesk,
  type IsoDate,
  type JudgedWhistle,
  judgeWhistles,
  WHISTLE_STATUS_NAMES,
  type WhistleFigures,
  type WhistleGrouping,
  type WhistleStep,
  whistleFigures,
} from "@dutylist/core";
import { appendWhistleStep, loadWhistleLoop, raiseWhistle } from "@dutylist/store";
import { resolveArrayConnection } from "@pothos/plugin-relay";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import type { Context } from "../context.ts";
import { countyNotFound } from "../county-change.ts";
import { requireListRecorded } from "../domain-errors.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";

// H2: the whistle loop — a township raises, the department the lists make responsible reports,
// handles and closes, the township confirms or reopens — and its figures per department,
// township and item.

const WhistleStatusEnum = builder.enumType("WhistleStatus", {
  description: "已吹哨待报到 / 已报到办理中 / 已办结待确认 / 已确认办结",
  values: ["RAISED", "REPORTED", "CLOSED", "CONFIRMED"] as const,
});

const WhistleRef = builder
  .objectRef<JudgedWhistle & { readonly matter: string | null }>("Whistle")
  .implement({
    description:
      "A whistle with its progress through the loop and whether it counts against its department (H2, S5)",
    fields: (t) => ({
      id: t.string({ resolve: (j) => j.whistle.id }),
      townshipCode: t.string({ resolve: (j) => j.whistle.townshipCode }),
      departmentCode: t.string({ resolve: (j) => j.whistle.departmentCode }),
      itemCode: t.string({ resolve: (j) => j.whistle.itemCode }),
      matter: t.string({ nullable: true, resolve: (j) => j.matter }),
      raisedOn: t.field({ type: "Date", resolve: (j) => j.whistle.raisedOn }),
      deadline: t.field({ type: "Date", resolve: (j) => j.progress.deadline }),
      status: t.field({ type: WhistleStatusEnum, resolve: (j) => j.progress.status }),
      statusName: t.string({ resolve: (j) => WHISTLE_STATUS_NAMES[j.progress.status] }),
      reportedOn: t.field({ type: "Date", nullable: true, resolve: (j) => j.progress.reportedOn }),
      closedOn: t.field({ type: "Date", nullable: true, resolve: (j) => j.progress.closedOn }),
      confirmedOn: t.field({ type: "Date", nullable: true, resolve: (j) => j.progress.confirmedOn }),
      reopenings: t.int({ resolve: (j) => j.progress.reopenings }),
      answeredInTime: t.boolean({ resolve: (j) => j.progress.answeredInTime }),
      countsAgainstDepartment: t.boolean({ resolve: (j) => j.notCounted === null }),
      note: t.string({
        nullable: true,
        description: "why it counts against no department (the lists leave the item to the township, …)",
        resolve: (j) => j.notCounted?.message ?? null,
      }),
    }),
  });

async function loaded(ctx: Context, countyCode: string) {
  const county = await ctx.county(countyCode);
  if (county === null) throw countyNotFound(countyCode);
  return county;
}

async function judged(ctx: Context, countyCode: string, whistleId: string) {
  const county = await loaded(ctx, countyCode);
  const loop = await loadWhistleLoop(ctx.db, countyCode, "0001-01-01" as IsoDate, "9999-12-31" as IsoDate);
  const found = loop.whistles.find((w) => w.id === whistleId);
  if (found === undefined) return null;
  const [j] = judgeWhistles(
    [found],
    loop.events,
    county.determinations.index,
    found.raisedOn,
    "9999-12-31" as IsoDate,
  );
  return j === undefined ? null : { ...j, matter: found.matter };
}

const WhistleInput = builder.inputType("RaiseWhistleInput", {
  fields: (t) => ({
    id: t.string({ required: true }),
    townshipCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    matter: t.string({ required: true, description: "what the township whistles about" }),
    raisedOn: t.field({ type: "Date", required: true }),
    timeLimitDays: t.int({
      required: true,
      description: "days the department has to report, from the next day",
    }),
    departmentCode: t.string({
      description:
        "whom the township whistles to; by default the department the lists of the day make responsible",
    }),
  }),
});

function problem(field: string, message: string): DomainErrors {
  const p: DomainError = { _tag: "INVALID_FIELD", field, message: `${field}:${message}` };
  return new DomainErrors([p]);
}

builder.mutationField("raiseWhistle", (t) =>
  t.field({
    authScopes: access("raiseWhistle", (a: { countyCode: string; input: { townshipCode: string } }) => ({
      countyCode: a.countyCode,
      townshipCodes: [a.input.townshipCode],
    })),
    type: WhistleRef,
    description:
      "A township blows the whistle on an item (吹哨, H2). The department defaults to the one the lists of the day make responsible; on an item the lists leave to the township, it counts against no department and says so",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      input: t.arg({ type: WhistleInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const { input } = args;
      const county = await loaded(ctx, args.countyCode);
      const { index, directory } = county.determinations;
      if (!directory.townships.has(input.townshipCode))
        throw problem("input.townshipCode", `没有乡镇 ${input.townshipCode}`);
      if (input.timeLimitDays < 0) throw problem("input.timeLimitDays", "报到时限不能为负");
      // A9: before the township's first recorded list no department is responsible by the lists.
      const name = directory.townships.get(input.townshipCode)?.name;
      requireListRecorded(index, args.countyCode, input.townshipCode, input.raisedOn, name);
      const dispatch = dispatchByLists(
        index,
        directory,
        dispatchDesk(county.dataset.county),
        input.townshipCode,
        input.raisedOn,
        input.itemCode,
      );
      const responsible = dispatch.handlers.find((h) => h.kind === "DEPARTMENT")?.code;
      const departmentCode = input.departmentCode ?? responsible;
      if (departmentCode === undefined)
        throw problem("input.departmentCode", `${dispatch.reason};请写明向哪个部门吹哨`);
      if (!directory.departments.has(departmentCode))
        throw problem("input.departmentCode", `没有部门 ${departmentCode}`);
      const whistle = {
        id: input.id,
        countyCode: args.countyCode,
        townshipCode: input.townshipCode,
        departmentCode,
        itemCode: input.itemCode,
        raisedOn: input.raisedOn,
        timeLimitDays: input.timeLimitDays,
        answeredOn: null,
        matter: input.matter,
      };
      const saved = await raiseWhistle(ctx.db, args.countyCode, whistle, stampOf(ctx, "raiseWhistle", args));
      if (!saved.ok) throw new StoreRefusal(saved.errors[0]);
      const j = await judged(ctx, args.countyCode, input.id);
      if (j === null) throw new Error(`whistle ${input.id} was written but is not stored`);
      return j;
    },
  }),
);

/** A step of the loop as a mutation: the unit named must be the whistle's (its department, or its township). */
function stepField(
  name: "reportWhistle" | "closeWhistle" | "confirmWhistle",
  unit: "DEPARTMENT" | "TOWNSHIP",
  description: string,
  stepOf: (args: { reopen?: boolean | null }) => WhistleStep,
) {
  builder.mutationField(name, (t) =>
    t.field({
      authScopes: access(name, (a: { countyCode: string; unitCode: string }) =>
        unit === "DEPARTMENT"
          ? { countyCode: a.countyCode, departmentCodes: [a.unitCode] }
          : { countyCode: a.countyCode, townshipCodes: [a.unitCode] },
      ),
      type: WhistleRef,
      description,
      errors: { types: [DomainErrors, StoreRefusal] },
      args: {
        countyCode: t.arg.string({ required: true }),
        whistleId: t.arg.string({ required: true }),
        unitCode: t.arg.string({
          required: true,
          description: unit === "DEPARTMENT" ? "the whistle's department" : "the whistle's township",
        }),
        on: t.arg({ type: "Date", required: true }),
        note: t.arg.string(),
        ...(name === "confirmWhistle"
          ? { reopen: t.arg.boolean({ description: "send the closure back (退回重办)" }) }
          : {}),
      },
      resolve: async (_root, args, ctx) => {
        const before = await judged(ctx, args.countyCode, args.whistleId);
        if (before === null) throw problem("whistleId", `没有吹哨 ${args.whistleId}`);
        const own = unit === "DEPARTMENT" ? before.whistle.departmentCode : before.whistle.townshipCode;
        if (own !== args.unitCode)
          throw problem("unitCode", `吹哨 ${args.whistleId} 属于 ${own},不属于 ${args.unitCode}`);
        const step = stepOf(args as { reopen?: boolean | null });
        const done = await appendWhistleStep(
          ctx.db,
          args.countyCode,
          args.whistleId,
          { step, on: args.on, note: args.note ?? null },
          stampOf(ctx, name, args),
        );
        if (!done.ok) {
          const e = done.errors[0];
          if ("_tag" in e) throw new StoreRefusal(e);
          throw problem("on", e.message);
        }
        return (await judged(ctx, args.countyCode, args.whistleId)) ?? before;
      },
    }),
  );
}

stepField(
  "reportWhistle",
  "DEPARTMENT",
  "The department reports (报到) and starts handling (H2)",
  () => "REPORTED",
);
stepField("closeWhistle", "DEPARTMENT", "The department closes the whistle (办结, H2)", () => "CLOSED");
stepField(
  "confirmWhistle",
  "TOWNSHIP",
  "The township confirms the closure (确认办结), or with `reopen` sends it back (退回重办, H2)",
  (a) => (a.reopen === true ? "REOPENED" : "CONFIRMED"),
);

const GroupingEnum = builder.enumType("WhistleGrouping", {
  values: ["DEPARTMENT", "TOWNSHIP", "ITEM"] as const,
});

const FiguresRef = builder.objectRef<WhistleFigures>("WhistleFact").implement({
  description:
    "H2: one group's whistle figures over the period. By department only the whistles the lists make it responsible for; by township or item every whistle, `notAgainstDepartment` counting those that count against none",
  fields: (t) => ({
    groupBy: t.field({ type: GroupingEnum, resolve: (f) => f.groupBy }),
    code: t.exposeString("code"),
    raised: t.exposeInt("raised"),
    answeredInTime: t.exposeInt("answeredInTime"),
    answeredLate: t.exposeInt("answeredLate"),
    unanswered: t.exposeInt("unanswered"),
    confirmed: t.exposeInt("confirmed"),
    awaitingConfirmation: t.exposeInt("awaitingConfirmation"),
    reopenings: t.exposeInt("reopenings"),
    inTimeRate: t.string({
      nullable: true,
      description: "answered in time ÷ raised, 4 places",
      resolve: (f) => f.inTimeRate?.toFixed(4) ?? null,
    }),
    closureRate: t.string({
      nullable: true,
      description: "办结率: confirmed ÷ raised, 4 places",
      resolve: (f) => f.closureRate?.toFixed(4) ?? null,
    }),
    averageHandlingDays: t.string({
      nullable: true,
      description: "days from raise to the confirmed closure, 2 places",
      resolve: (f) => f.averageHandlingDays?.toFixed(2) ?? null,
    }),
    notAgainstDepartment: t.exposeInt("notAgainstDepartment"),
  }),
});

/** The figures a county's whistles give over `[from, to)`, grouped. */
export async function whistleFactsOf(
  ctx: Context,
  countyCode: string,
  from: IsoDate,
  to: IsoDate,
  groupBy: WhistleGrouping,
): Promise<WhistleFigures[]> {
  const county = await ctx.county(countyCode);
  if (county === null) return [];
  const loop = await loadWhistleLoop(ctx.db, countyCode, from, to);
  return whistleFigures(
    judgeWhistles(loop.whistles, loop.events, county.determinations.index, from, to),
    groupBy,
  );
}

builder.queryField("whistleFacts", (t) =>
  t.connection(
    {
      authScopes: access("whistleFacts", inCounty),
      type: FiguresRef,
      description:
        "The whistle loop's figures per department, township or item over a period (H2), in code order; empty for an unknown county",
      args: {
        countyCode: t.arg.string({ required: true }),
        from: t.arg({ type: "Date", required: true }),
        to: t.arg({ type: "Date", required: true, description: "exclusive" }),
        groupBy: t.arg({ type: GroupingEnum, required: true }),
      },
      resolve: async (_root, args, ctx) =>
        resolveArrayConnection(
          { args, defaultSize: 100, maxSize: 1_000 },
          await whistleFactsOf(ctx, args.countyCode, args.from, args.to, args.groupBy),
        ),
    },
    {
      name: "WhistleFactConnection",
      fields: (c) => ({ totalCount: c.int({ resolve: (p) => p.totalCount }) }),
    },
  ),
);
