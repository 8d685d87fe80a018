import {
  type AdjustmentChange,
  type AdjustmentProposal,
  collect,
  type EntryTerms,
  entryTermsProblems,
  GUARANTEE_KINDS,
  type Guarantee,
  type InternalAssignment,
  type IsoDate,
  type ItemContent,
  invalidField,
  type OperationError,
  type Proposer,
  type Result,
} from "@dutylist/core";
import { builder } from "../builder.ts";
import { ListTypeEnum } from "./county.ts";

// The input of proposeAdjustment and its translation into the core's proposal. GraphQL has no
// input unions, so a change and its terms are tagged inputs; what a tag needs and forbids is
// checked here, as a shape, and reported as INVALID_FIELD naming the field. Everything about
// the lists themselves is the core's to decide.

export const AdjustmentChangeKindEnum = builder.enumType("AdjustmentChangeKind", {
  description: "新增 / 取消 / 调整类型 / 修改 (L3)",
  values: ["ADD", "REMOVE", "RECLASSIFY", "AMEND"] as const,
});

export const TriggerKindEnum = builder.enumType("TriggerKind", {
  description: "法律法规立改废释 / 中央和省委省政府部署 / 乡镇(街道)申请 / 县委、县政府或部门工作需要",
  values: ["LAW_CHANGE", "SUPERIOR_DEPLOYMENT", "TOWNSHIP_APPLICATION", "WORK_NEED"] as const,
});

export const ProposerKindEnum = builder.enumType("ProposerKind", {
  values: ["COUNTY_PARTY_COMMITTEE", "COUNTY_GOVERNMENT", "DEPARTMENT", "TOWNSHIP"] as const,
});

export const GuaranteeKindEnum = builder.enumType("GuaranteeKind", {
  description: "业务培训 / 工作指导 / 经费保障 / 装备保障 / 技术支撑",
  values: GUARANTEE_KINDS,
});

const LegalCitationInput = builder.inputType("LegalCitationInput", {
  fields: (t) => ({
    document: t.string({ required: true }),
    article: t.string(),
    clause: t.string(),
  }),
});

const ItemContentInput = builder.inputType("ItemContentInput", {
  description: "The item as the list will state it: category, name, tasks, basis",
  fields: (t) => ({
    category: t.string({ required: true }),
    name: t.string({ required: true }),
    tasks: t.stringList({ required: true }),
    basis: t.field({ type: [LegalCitationInput], required: true }),
  }),
});

const GuaranteeInput = builder.inputType("GuaranteeInput", {
  fields: (t) => ({
    kind: t.field({ type: GuaranteeKindEnum, required: true }),
    description: t.string({ required: true }),
  }),
});

const EntryTermsInput = builder.inputType("EntryTermsInput", {
  description:
    "The list type with its parties: COOPERATIVE needs leadDepartments and cooperationContent (departmentDuty and guarantees optional); RECLAIMED needs receivingDepartment (wayOfWorking optional); BASIC takes none. The same check as for workbook rows and what-if changes (L1, A2, A3)",
  fields: (t) => ({
    type: t.field({ type: ListTypeEnum, required: true }),
    leadDepartments: t.stringList(),
    departmentDuty: t.string(),
    cooperationContent: t.stringList(),
    guarantees: t.field({ type: [GuaranteeInput] }),
    receivingDepartment: t.string(),
    wayOfWorking: t.string(),
  }),
});

const AssignmentInput = builder.inputType("AssignmentInput", {
  description: "Who does the item inside the township (L7): 领办, 承办, 协办",
  fields: (t) => ({
    leadingPost: t.string(),
    office: t.string(),
    assistingUnits: t.stringList(),
  }),
});

const AdjustmentChangeInput = builder.inputType("AdjustmentChangeInput", {
  description:
    "One change: ADD needs terms (and content for an item new to the catalogue); REMOVE takes neither; RECLASSIFY needs terms of another type; AMEND takes new terms of the same type and/or new content. assignment: omitted keeps it, null clears it",
  fields: (t) => ({
    kind: t.field({ type: AdjustmentChangeKindEnum, required: true }),
    townshipCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    terms: t.field({ type: EntryTermsInput }),
    content: t.field({ type: ItemContentInput }),
    assignment: t.field({ type: AssignmentInput }),
  }),
});

const TriggerInput = builder.inputType("AdjustmentTriggerInput", {
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum, required: true }),
    reference: t.string({ required: true, description: "the law, deployment or application document" }),
  }),
});

const ProposerInput = builder.inputType("ProposerInput", {
  fields: (t) => ({
    kind: t.field({ type: ProposerKindEnum, required: true }),
    code: t.string({ description: "the department's code (DEPARTMENT) or the township's (TOWNSHIP)" }),
  }),
});

export const AdjustmentProposalInput = builder.inputType("AdjustmentProposalInput", {
  description: "A proposed adjustment of a county's lists, with its reason and trigger (L3)",
  fields: (t) => ({
    id: t.string({ required: true }),
    title: t.string({ required: true }),
    reason: t.string({ required: true }),
    trigger: t.field({ type: TriggerInput, required: true }),
    proposer: t.field({ type: ProposerInput, required: true }),
    proposedOn: t.field({ type: "Date", required: true }),
    changes: t.field({ type: [AdjustmentChangeInput], required: true }),
  }),
});

type ProposalArgs = typeof AdjustmentProposalInput.$inferInput;
type ChangeArgs = typeof AdjustmentChangeInput.$inferInput;
type TermsArgs = typeof EntryTermsInput.$inferInput;
type ContentArgs = typeof ItemContentInput.$inferInput;
type AssignmentArgs = typeof AssignmentInput.$inferInput;

/** Collects INVALID_FIELD errors while reading tagged inputs. */
class Reader {
  readonly errors: OperationError[] = [];

  required<T>(field: string, value: T | null | undefined, why: string): T | undefined {
    if (value === null || value === undefined) this.errors.push(invalidField(field, why));
    return value ?? undefined;
  }

  forbidden(field: string, value: unknown, why: string): void {
    if (value !== null && value !== undefined) this.errors.push(invalidField(field, why));
  }
}

function toProposer(at: string, input: ProposalArgs["proposer"], r: Reader): Proposer {
  switch (input.kind) {
    case "COUNTY_PARTY_COMMITTEE":
    case "COUNTY_GOVERNMENT":
      r.forbidden(`${at}.code`, input.code, "县委、县政府提出的调整不带代码");
      return { kind: input.kind };
    case "DEPARTMENT":
      return {
        kind: "DEPARTMENT",
        departmentCode: r.required(`${at}.code`, input.code, "须载明部门代码") ?? "",
      };
    case "TOWNSHIP":
      return { kind: "TOWNSHIP", townshipCode: r.required(`${at}.code`, input.code, "须载明乡镇代码") ?? "" };
  }
}

function toTerms(at: string, input: TermsArgs, r: Reader): EntryTerms {
  const cooperative = "仅用于配合履职事项(COOPERATIVE)";
  const reclaimed = "仅用于上级部门收回事项(RECLAIMED)";
  if (input.type !== "COOPERATIVE") {
    r.forbidden(`${at}.leadDepartments`, input.leadDepartments, cooperative);
    r.forbidden(`${at}.departmentDuty`, input.departmentDuty, cooperative);
    r.forbidden(`${at}.cooperationContent`, input.cooperationContent, cooperative);
    r.forbidden(`${at}.guarantees`, input.guarantees, cooperative);
  }
  if (input.type !== "RECLAIMED") {
    r.forbidden(`${at}.receivingDepartment`, input.receivingDepartment, reclaimed);
    r.forbidden(`${at}.wayOfWorking`, input.wayOfWorking, reclaimed);
  }
  const terms = termsOfInput(input);
  // L1, A2, A3: what the terms must state, as the core checks it wherever terms come from (the
  // departments themselves are checked against the county when the proposal is validated).
  for (const problem of entryTermsProblems(terms, null))
    r.errors.push(invalidField(`${at}.${problem.field}`, problem.message));
  return terms;
}

/**
 * The terms an input states, its parties as given (missing ones empty, for `entryTermsProblems`
 * to name). Shared by adjustments and what-if scenarios.
 */
export function termsOfInput(input: {
  readonly type: "BASIC" | "COOPERATIVE" | "RECLAIMED";
  readonly leadDepartments?: readonly string[] | null | undefined;
  readonly departmentDuty?: string | null | undefined;
  readonly cooperationContent?: readonly string[] | null | undefined;
  readonly guarantees?:
    | readonly { readonly kind: Guarantee["kind"]; readonly description: string }[]
    | null
    | undefined;
  readonly receivingDepartment?: string | null | undefined;
  readonly wayOfWorking?: string | null | undefined;
}): EntryTerms {
  switch (input.type) {
    case "BASIC":
      return { type: "BASIC" };
    case "COOPERATIVE":
      return {
        type: "COOPERATIVE",
        leadDepartments: input.leadDepartments ?? [],
        departmentDuty: input.departmentDuty ?? "",
        cooperationContent: input.cooperationContent ?? [],
        guarantees: (input.guarantees ?? []).map((g) => ({ kind: g.kind, description: g.description })),
      };
    case "RECLAIMED":
      return {
        type: "RECLAIMED",
        receivingDepartment: input.receivingDepartment ?? "",
        wayOfWorking: input.wayOfWorking ?? "",
      };
  }
}

function toContent(input: ContentArgs): ItemContent {
  return {
    category: input.category,
    name: input.name,
    tasks: input.tasks,
    basis: input.basis.map((c) => ({
      document: c.document,
      ...(c.article == null ? {} : { article: c.article }),
      ...(c.clause == null ? {} : { clause: c.clause }),
    })),
  };
}

/** Omitted keeps the assignment (undefined), null clears it. */
function toAssignment(input: AssignmentArgs | null | undefined): { assignment?: InternalAssignment | null } {
  if (input === undefined) return {};
  if (input === null) return { assignment: null };
  return {
    assignment: {
      leadingPost: input.leadingPost ?? null,
      office: input.office ?? null,
      assistingUnits: input.assistingUnits ?? [],
    },
  };
}

function toChange(at: string, input: ChangeArgs, r: Reader): AdjustmentChange {
  const { townshipCode, itemCode } = input;
  const terms = (why: string) => {
    const given = r.required(`${at}.terms`, input.terms, why);
    return given === undefined ? { type: "BASIC" as const } : toTerms(`${at}.terms`, given, r);
  };
  const content = input.content == null ? {} : { content: toContent(input.content) };
  switch (input.kind) {
    case "ADD":
      return {
        kind: "ADD",
        townshipCode,
        itemCode,
        terms: terms("新增事项须载明清单类型"),
        ...content,
        ...toAssignment(input.assignment),
      };
    case "REMOVE":
      r.forbidden(`${at}.terms`, input.terms, "取消事项不带清单类型");
      r.forbidden(`${at}.content`, input.content, "取消事项不带事项内容");
      r.forbidden(`${at}.assignment`, input.assignment, "取消事项不带内部分工");
      return { kind: "REMOVE", townshipCode, itemCode };
    case "RECLASSIFY":
      r.forbidden(`${at}.content`, input.content, "调整类型不改内容,修改内容请用 AMEND");
      return {
        kind: "RECLASSIFY",
        townshipCode,
        itemCode,
        terms: terms("调整类型须载明新的清单类型"),
        ...toAssignment(input.assignment),
      };
    case "AMEND":
      return {
        kind: "AMEND",
        townshipCode,
        itemCode,
        ...(input.terms == null ? {} : { terms: toTerms(`${at}.terms`, input.terms, r) }),
        ...content,
        ...toAssignment(input.assignment),
      };
  }
}

/**
 * The core's proposal from the GraphQL input, or INVALID_FIELD errors for every field that a
 * change's kind or a list type needs and lacks, or does not take.
 * @example toAdjustmentProposal(args.input, ctx.today()) // ok({ id, changes: [{ kind: "ADD", … }], … })
 */
export function toAdjustmentProposal(
  input: ProposalArgs,
  recordedOn: IsoDate,
): Result<AdjustmentProposal, OperationError> {
  const r = new Reader();
  const proposal: AdjustmentProposal = {
    id: input.id,
    title: input.title,
    reason: input.reason,
    trigger: { kind: input.trigger.kind, reference: input.trigger.reference },
    proposer: toProposer("proposer", input.proposer, r),
    proposedOn: input.proposedOn,
    recordedOn,
    changes: input.changes.map((change, i) => toChange(`changes[${i}]`, change, r)),
  };
  return collect(r.errors, proposal);
}
