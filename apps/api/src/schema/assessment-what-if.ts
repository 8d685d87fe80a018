import {
  type AdjustmentChange,
  type AdjustmentRoute,
  assertNever,
  type DeterminationChange,
  type DomainError,
  determinedPushDowns,
  type EntryTerms,
  entryTermsProblems,
  type IsoDate,
  invalidField,
  type RoundingOptions,
  type ScoreChange,
  type TownshipScoreChange,
  type WhatIfOutcome,
  whatIf,
} from "@dutylist/core";
import { listDeterminations } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { loadAssessment } from "../loaded-assessment.ts";
import { termsOfInput } from "./adjustment-input.ts";
import { ListTypeEnum } from "./county.ts";
import { DomainErrors } from "./errors.ts";
import { EXACT, PRESENTED, presented, SAME_AS_PRESENTED } from "./presented.ts";
import { DeterminationRef } from "./responsibility.ts";

// What-if (模拟测算): a hypothetical adjustment scored against the stored year, nothing stored.

const WhatIfChangeKindEnum = builder.enumType("WhatIfChangeKind", {
  description: "增加 / 取消 / 调整类型 / 修改内容 (L3)",
  values: ["ADD", "REMOVE", "RECLASSIFY", "AMEND"] as const,
});

const WhatIfRouteKindEnum = builder.enumType("WhatIfRouteKind", {
  description: "职责准入 (ACCESS: county and provincial approval) or 动态调整 (DYNAMIC: county approval), L4",
  values: ["ACCESS", "DYNAMIC"] as const,
});

const WhatIfChangeInput = builder.inputType("WhatIfChangeInput", {
  description:
    "One change of the hypothetical adjustment. ADD and RECLASSIFY name the list type and its parties; AMEND may give new parties of the same type; REMOVE needs only the township and item",
  fields: (t) => ({
    kind: t.field({ type: WhatIfChangeKindEnum, required: true }),
    townshipCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    listType: t.field({ type: ListTypeEnum }),
    leadDepartments: t.stringList({ description: "COOPERATIVE: 牵头部门 codes" }),
    departmentDuty: t.string({ description: "COOPERATIVE: 上级部门职责" }),
    cooperationContent: t.stringList({ description: "COOPERATIVE: 镇街配合职责" }),
    receivingDepartment: t.string({ description: "RECLAIMED: 承接部门 code" }),
    wayOfWorking: t.string({ description: "RECLAIMED: 工作方式, e.g. 发现问题及时报告" }),
  }),
});

const WhatIfScenarioInput = builder.inputType("WhatIfScenarioInput", {
  fields: (t) => ({
    description: t.string({ required: true }),
    effectiveFrom: t.field({ type: "Date", required: true }),
    changes: t.field({ type: [WhatIfChangeInput], required: true }),
  }),
});

type ChangeArgs = typeof WhatIfChangeInput.$inferInput;

/** The terms the input names (`termsOfInput`, as for adjustments), or none without a list type. */
function termsOf(c: ChangeArgs): EntryTerms | undefined {
  return c.listType == null ? undefined : termsOfInput({ ...c, type: c.listType });
}

function toChanges(changes: readonly ChangeArgs[]): { changes: AdjustmentChange[]; problems: DomainError[] } {
  const problems: DomainError[] = [];
  const mapped = changes.flatMap((c, i): AdjustmentChange[] => {
    const at = { townshipCode: c.townshipCode, itemCode: c.itemCode };
    const terms = termsOf(c);
    switch (c.kind) {
      case "REMOVE":
        return [{ kind: "REMOVE", ...at }];
      case "AMEND":
        return [terms === undefined ? { kind: "AMEND", ...at } : { kind: "AMEND", ...at, terms }];
      case "ADD":
      case "RECLASSIFY":
        if (terms === undefined) {
          problems.push(
            invalidField(
              `scenario.changes[${i}].listType`,
              `第${i + 1}项变更(${c.kind})须指明清单类型 listType`,
            ),
          );
          return [];
        }
        // L1, A2, A3: the same check of the terms as for adjustments and workbooks.
        for (const problem of entryTermsProblems(terms, null))
          problems.push(invalidField(`scenario.changes[${i}].${problem.field}`, problem.message));
        return [{ kind: c.kind, ...at, terms }];
      default:
        return assertNever(c.kind);
    }
  });
  return { changes: mapped, problems };
}

type ApiTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

interface Named<T> {
  readonly change: T;
  readonly name: string;
  /** The county's rounding (政策设定), which presents the figures (S8). */
  readonly rounding: RoundingOptions;
}

/** before, after and delta presented (S8), each with its exact figure and its deprecated `*Rounded`. */
function changeFields(t: PothosSchemaTypes.ObjectFieldBuilder<ApiTypes, Named<ScoreChange>>) {
  const figure = (pick: (c: ScoreChange) => ScoreChange["before"], description: string) => ({
    presented: t.field({
      type: "Decimal",
      description: `${description}${PRESENTED}`,
      resolve: (c) => presented(pick(c.change), c.rounding),
    }),
    exact: t.field({ type: "Decimal", description: EXACT, resolve: (c) => pick(c.change) }),
    rounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (c) => presented(pick(c.change), c.rounding),
    }),
  });
  const before = figure((c) => c.before, "");
  const after = figure((c) => c.after, "");
  const delta = figure((c) => c.delta, "after − before, ");
  return {
    before: before.presented,
    beforeExact: before.exact,
    beforeRounded: before.rounded,
    after: after.presented,
    afterExact: after.exact,
    afterRounded: after.rounded,
    delta: delta.presented,
    deltaExact: delta.exact,
    deltaRounded: delta.rounded,
  };
}

const ScoreChangeRef = builder.objectRef<Named<ScoreChange>>("ScoreChange").implement({
  description: "A score before and after the hypothetical adjustment, presented, with the exact figures",
  fields: (t) => changeFields(t),
});

const TownshipScoreChangeRef = builder
  .objectRef<Named<TownshipScoreChange>>("TownshipScoreChange")
  .implement({
    fields: (t) => ({
      townshipCode: t.string({ resolve: (c) => c.change.townshipCode }),
      townshipName: t.string({ resolve: (c) => c.name }),
      core: t.field({ type: ScoreChangeRef, resolve: (c) => ({ ...c, change: c.change.core }) }),
      collaborative: t.field({
        type: ScoreChangeRef,
        resolve: (c) => ({ ...c, change: c.change.collaborative }),
      }),
      total: t.field({ type: ScoreChangeRef, resolve: (c) => ({ ...c, change: c.change.total }) }),
      changed: t.boolean({
        description: "whether any of the three scores moves",
        resolve: (c) =>
          [c.change.core, c.change.collaborative, c.change.total].some((s) => !s.delta.isZero()),
      }),
    }),
  });

const DepartmentScoreChangeRef = builder.objectRef<Named<ScoreChange>>("DepartmentScoreChange").implement({
  fields: (t) => ({
    departmentCode: t.string({ resolve: (c) => c.change.code }),
    departmentName: t.string({ resolve: (c) => c.name }),
    ...changeFields(t),
    changed: t.boolean({ resolve: (c) => !c.change.delta.isZero() }),
  }),
});

const DeterminationChangeRef = builder.objectRef<DeterminationChange>("DeterminationChange").implement({
  description: "A stored failure case the adjustment would determine differently (A9)",
  fields: (t) => ({
    townshipCode: t.string({ resolve: (c) => c.failure.townshipCode }),
    date: t.field({ type: "Date", resolve: (c) => c.failure.date }),
    itemCode: t.string({
      nullable: true,
      resolve: (c) => (c.failure.subject.kind === "ITEM" ? c.failure.subject.itemCode : null),
    }),
    matter: t.string({
      nullable: true,
      resolve: (c) => (c.failure.subject.kind === "MATTER" ? c.failure.subject.description : null),
    }),
    before: t.field({ type: DeterminationRef, resolve: (c) => c.before }),
    after: t.field({ type: DeterminationRef, resolve: (c) => c.after }),
  }),
});

const WhatIfRouteRef = builder.objectRef<AdjustmentRoute>("WhatIfRoute").implement({
  description: "The approvals the real adjustment would need (L4)",
  fields: (t) => ({
    kind: t.field({ type: WhatIfRouteKindEnum, resolve: (r) => r.route }),
    requiredApprovals: t.stringList({
      description: "COUNTY, PROVINCE",
      resolve: (r) => [...r.requiredApprovals],
    }),
    dutyAddingChanges: t.intList({
      description: "positions (from 0) of the changes that add duties to a township",
      resolve: (r) => [...r.dutyAddingChanges],
    }),
    reason: t.exposeString("reason"),
  }),
});

interface WhatIfView {
  readonly outcome: WhatIfOutcome;
  readonly townshipNames: ReadonlyMap<string, string>;
  readonly departmentNames: ReadonlyMap<string, string>;
  readonly rounding: RoundingOptions;
}

const WhatIfOutcomeRef = builder.objectRef<WhatIfView>("WhatIfOutcome").implement({
  description:
    "The year scored as it is and as it would be after the adjustment, and the cases it would change",
  fields: (t) => ({
    description: t.string({ resolve: (w) => w.outcome.scenario.description }),
    effectiveFrom: t.field({ type: "Date", resolve: (w) => w.outcome.scenario.effectiveFrom }),
    route: t.field({ type: WhatIfRouteRef, resolve: (w) => w.outcome.route }),
    townships: t.field({
      type: [TownshipScoreChangeRef],
      resolve: (w) =>
        w.outcome.townships.map((change) => ({
          change,
          name: w.townshipNames.get(change.townshipCode) ?? change.townshipCode,
          rounding: w.rounding,
        })),
    }),
    departments: t.field({
      type: [DepartmentScoreChangeRef],
      resolve: (w) =>
        w.outcome.departments.map((change) => ({
          change,
          name: w.departmentNames.get(change.code) ?? change.code,
          rounding: w.rounding,
        })),
    }),
    changedDeterminations: t.field({
      type: [DeterminationChangeRef],
      description: "the county's stored failure cases whose determination would change",
      resolve: (w) => [...w.outcome.changedDeterminations],
    }),
  }),
});

builder.queryField("whatIf", (t) =>
  t.field({
    authScopes: access("whatIf", inCounty),
    type: WhatIfOutcomeRef,
    description:
      "Scores the county's year against a hypothetical adjustment (through the same checks as a real one) and reports the route it would take (L4), score changes, and stored cases determined differently; stores nothing",
    errors: { types: [DomainErrors] },
    args: {
      countyCode: t.arg.string({ required: true }),
      year: t.arg.int({ required: true }),
      scenario: t.arg({ type: WhatIfScenarioInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const { changes, problems } = toChanges(args.scenario.changes);
      const [problem, ...more] = problems;
      if (problem !== undefined) throw new DomainErrors([problem, ...more]);
      const loaded = await loadAssessment(ctx, args.countyCode, args.year);
      const [records, cases] = await Promise.all([
        loaded.records(),
        listDeterminations(ctx.db, args.countyCode),
      ]);
      const { dataset } = loaded.county;
      const outcome = whatIf(
        loaded.plan,
        dataset,
        records,
        {
          description: args.scenario.description,
          effectiveFrom: args.scenario.effectiveFrom as IsoDate,
          changes,
        },
        cases.map((c) => c.failure),
        { policy: loaded.policy, determinedPushDowns: determinedPushDowns(cases) },
      );
      if (!outcome.ok) throw new DomainErrors(outcome.errors);
      return {
        outcome: outcome.value,
        townshipNames: new Map(dataset.townships.map((t) => [t.code, t.name])),
        departmentNames: new Map(dataset.departments.map((d) => [d.code, d.name])),
        rounding: loaded.policy.rounding,
      };
    },
  }),
);
