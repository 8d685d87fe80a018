import {
  type CountyDataset,
  closeTemporaryTask,
  type IsoDate,
  type ResemblanceFlag,
  registerTemporaryTask,
  type TemporaryTask,
  type TemporaryTaskStatus,
  taskAsOf,
  temporaryTaskStatus,
  temporaryTasksAsOf,
} from "@dutylist/core";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import { changeCounty } from "../county-change.ts";
import { resemblanceOptions } from "../resemblance-options.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { ResemblanceFlagRef } from "./resemblance.ts";
// The rest of the lists' record: adjustments and the stored determinations as facts for BI.
import "./facts.ts";

/** A task of the ledger as it stood on `asOf`, with its status that day (L5). */
interface LedgerTask {
  readonly task: TemporaryTask;
  readonly status: TemporaryTaskStatus;
  readonly asOf: IsoDate;
}

function ledgerTask(task: TemporaryTask, asOf: IsoDate): LedgerTask {
  return { task: taskAsOf(task, asOf), status: temporaryTaskStatus(task, asOf), asOf };
}

/** The task as stored after a write. */
function storedTask(county: CountyDataset, id: string): TemporaryTask {
  const task = county.temporaryTasks.find((t) => t.id === id);
  if (task === undefined) throw new Error(`temporary task ${id} was written but is not stored`);
  return task;
}

const TemporaryTaskStatusEnum = builder.enumType("TemporaryTaskStatus", {
  description: "not started; open; past its planned end and not closed (reported, L5); closed (销号)",
  values: ["NOT_STARTED", "OPEN", "OVERDUE", "CLOSED"] as const,
});

const TaskAuthorityEnum = builder.enumType("TaskAuthority", {
  description: "县委 / 县政府: the bodies that may authorise a temporary task (L5)",
  values: ["COUNTY_PARTY_COMMITTEE", "COUNTY_GOVERNMENT"] as const,
});

const TownshipTaskRoleEnum = builder.enumType("TownshipTaskRole", {
  description: "the township leads the task, or assists the requesting department (A5)",
  values: ["LEAD", "ASSIST"] as const,
});

const TaskDecisionRef = builder.objectRef<TemporaryTask["decision"]>("TaskDecision").implement({
  description: "The decision of the county party committee or government that authorises a task",
  fields: (t) => ({
    authority: t.field({ type: TaskAuthorityEnum, resolve: (d) => d.authority }),
    documentNo: t.exposeString("documentNo"),
    title: t.exposeString("title"),
    decidedOn: t.field({ type: "Date", resolve: (d) => d.decidedOn }),
  }),
});

const TemporaryTaskRef = builder.objectRef<LedgerTask>("TemporaryTask").implement({
  description:
    "A temporary task (临时性工作任务) as the ledger stood on `asOf`, with its status that day (L5); never a list item, never scored (S1)",
  fields: (t) => ({
    id: t.string({ resolve: (v) => v.task.id }),
    asOf: t.field({ type: "Date", resolve: (v) => v.asOf }),
    status: t.field({ type: TemporaryTaskStatusEnum, resolve: (v) => v.status }),
    decision: t.field({ type: TaskDecisionRef, resolve: (v) => v.task.decision }),
    requestingDepartment: t.string({ resolve: (v) => v.task.requestingDepartment }),
    townshipCodes: t.stringList({ resolve: (v) => [...v.task.townshipCodes] }),
    content: t.string({ resolve: (v) => v.task.content }),
    townshipRole: t.field({ type: TownshipTaskRoleEnum, resolve: (v) => v.task.townshipRole }),
    startsOn: t.field({ type: "Date", resolve: (v) => v.task.startsOn }),
    plannedEndOn: t.field({ type: "Date", resolve: (v) => v.task.plannedEndOn }),
    registeredOn: t.field({
      type: "Date",
      description: "登记日期: the task covers its townships from the later of its start and this day (L5)",
      resolve: (v) => v.task.registeredOn,
    }),
    recordedOn: t.field({
      type: "Date",
      description: "the day the engine recorded the registration (knowledge time, L2)",
      resolve: (v) => v.task.recordedOn,
    }),
    closedOn: t.field({
      type: "Date",
      nullable: true,
      description: "null until closed (a closing after `asOf` was not yet recorded)",
      resolve: (v) => v.task.closedOn,
    }),
    closingNote: t.string({ nullable: true, resolve: (v) => v.task.closingNote }),
    closingRecordedOn: t.field({
      type: "Date",
      nullable: true,
      description: "the day the engine recorded the closing (L2); later than closedOn when entered late",
      resolve: (v) => v.task.closingRecordedOn,
    }),
  }),
});

builder.queryField("temporaryTasks", (t) =>
  t.field({
    authScopes: access("temporaryTasks", inCounty),
    type: [TemporaryTaskRef],
    nullable: true,
    description:
      "The county's temporary-task ledger as of a date, by id, each task with its status (L5); null for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      status: t.arg({ type: TemporaryTaskStatusEnum }),
      asOf: t.arg({ type: "Date", required: true }),
      knownOn: t.arg({
        type: "Date",
        description: "answer from the ledger as recorded by this day (L2); default today",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const county = await ctx.countyAsKnownOn(args.countyCode, args.knownOn);
      if (county === null) return null;
      const views = temporaryTasksAsOf(
        county.dataset.temporaryTasks,
        args.asOf,
        args.status == null ? {} : { status: args.status },
      );
      return views.map((v) => ledgerTask(v.task, args.asOf));
    },
  }),
);

const TaskDecisionInput = builder.inputType("TaskDecisionInput", {
  fields: (t) => ({
    authority: t.field({ type: TaskAuthorityEnum, required: true }),
    documentNo: t.string({ required: true }),
    title: t.string({ required: true }),
    decidedOn: t.field({ type: "Date", required: true }),
  }),
});

const TemporaryTaskInput = builder.inputType("TemporaryTaskInput", {
  description: "A temporary task to register, with the decision that authorises it (L5)",
  fields: (t) => ({
    id: t.string({ required: true }),
    decision: t.field({ type: TaskDecisionInput, required: true }),
    requestingDepartment: t.string({ required: true }),
    townshipCodes: t.stringList({ required: true }),
    content: t.string({ required: true }),
    townshipRole: t.field({ type: TownshipTaskRoleEnum, required: true }),
    startsOn: t.field({ type: "Date", required: true }),
    plannedEndOn: t.field({ type: "Date", required: true }),
  }),
});

const RegisteredTemporaryTaskRef = builder
  .objectRef<{ task: LedgerTask; resemblances: readonly ResemblanceFlag[] }>("RegisteredTemporaryTask")
  .implement({
    fields: (t) => ({
      task: t.field({
        type: TemporaryTaskRef,
        description: "the task as of its start date",
        resolve: (r) => r.task,
      }),
      resemblances: t.field({
        type: [ResemblanceFlagRef],
        description: "a task that resembles an item reclaimed from one of its townships (L6)",
        resolve: (r) => [...r.resemblances],
      }),
    }),
  });

builder.mutationField("registerTemporaryTask", (t) =>
  t.field({
    authScopes: access("registerTemporaryTask", inCounty),
    type: RegisteredTemporaryTaskRef,
    description: "Registers a temporary task in the county's ledger (L5), flagging resemblances (L6)",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      input: t.arg({ type: TemporaryTaskInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const { input } = args;
      // L5 登记在前: registered, and recorded, on the day of the request; never backdated.
      const today = ctx.today();
      const registration = {
        ...input,
        decision: { ...input.decision },
        registeredOn: today,
        recordedOn: today,
      };
      const options = await resemblanceOptions(ctx, args.countyCode);
      const { outcome, county } = await changeCounty(
        ctx,
        args.countyCode,
        (d) => registerTemporaryTask(d, registration, options),
        stampOf(ctx, "registerTemporaryTask", args),
      );
      const task = storedTask(county, input.id);
      return { task: ledgerTask(task, task.startsOn), resemblances: outcome.resemblances };
    },
  }),
);

builder.mutationField("closeTemporaryTask", (t) =>
  t.field({
    authScopes: access("closeTemporaryTask", inCounty),
    type: TemporaryTaskRef,
    description:
      "Closes (销号) a temporary task; it stays in the ledger, as of its closing date. Recorded today (L2): a closing dated earlier is reported as recorded late, one dated later is refused",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      taskId: t.arg.string({ required: true }),
      closedOn: t.arg({ type: "Date", required: true }),
      note: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const { county } = await changeCounty(
        ctx,
        args.countyCode,
        (d) => closeTemporaryTask(d, args.taskId, args.closedOn, args.note, ctx.today()),
        stampOf(ctx, "closeTemporaryTask", args),
      );
      return ledgerTask(storedTask(county, args.taskId), args.closedOn);
    },
  }),
);
