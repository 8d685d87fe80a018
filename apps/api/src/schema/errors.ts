import { DOMAIN_ERROR_TAGS, type DomainError, type DomainErrorTag } from "@dutylist/core";
import { builder } from "../builder.ts";

/** Expected failures of the core, thrown by resolvers and returned to clients as a union member. */
export class DomainErrors extends Error {
  constructor(readonly problems: readonly DomainError[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "DomainErrors";
  }
}

const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  description: "A failure the client can act on",
  fields: (t) => ({ message: t.exposeString("message") }),
});

// Every core error tag is a GraphQL enum value: a new tag appears here without a change.
const ProblemCode = builder.enumType("ProblemCode", {
  values: DOMAIN_ERROR_TAGS as readonly DomainErrorTag[],
});

const ProblemRef = builder.objectRef<DomainError>("Problem").implement({
  description: "One problem found, naming where it is",
  fields: (t) => ({
    code: t.field({ type: ProblemCode, resolve: (p) => p._tag }),
    message: t.exposeString("message"),
    field: t.string({ nullable: true, resolve: (p) => ("field" in p ? p.field : null) }),
    id: t.string({
      nullable: true,
      description: "the entity concerned: an id, entry, task or adjustment",
      resolve: (p) =>
        "id" in p
          ? p.id
          : "entryId" in p
            ? p.entryId
            : "taskId" in p
              ? p.taskId
              : "adjustmentId" in p
                ? p.adjustmentId
                : null,
    }),
  }),
});

builder.objectType(DomainErrors, {
  name: "DomainErrors",
  description: "The request was understood but refused; every problem is listed",
  interfaces: [ErrorInterface],
  fields: (t) => ({ problems: t.field({ type: [ProblemRef], resolve: (e) => [...e.problems] }) }),
});
