import { DOMAIN_ERROR_TAGS, type DomainError, type DomainErrorTag } from "@dutylist/core";
import { type StoreWriteError, toStoreError } from "@dutylist/store";
import { builder } from "../builder.ts";
import { DomainErrors } from "../domain-errors.ts";

export { DomainErrors };

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

/**
 * A write the database refused although the checks passed (a unique or foreign-key violation,
 * e.g. another writer in between): returned to clients as a union member naming the table and
 * the constraint, never masked. Nothing was written.
 */
export class StoreRefusal extends Error {
  constructor(readonly storeError: StoreWriteError) {
    super(storeError.message);
    this.name = "StoreRefusal";
  }
}

// Every store error tag has its GraphQL code: a new tag without one does not compile.
const STORE_REFUSAL_CODES = {
  STORE_CONFLICT: "CONFLICT",
  STORE_MISSING_REFERENCE: "MISSING_REFERENCE",
  STORE_NOT_FOUND: "NOT_FOUND",
} as const satisfies Readonly<Record<StoreWriteError["_tag"], string>>;

const StoreRefusalCode = builder.enumType("StoreRefusalCode", {
  values: Object.values(STORE_REFUSAL_CODES),
});

builder.objectType(StoreRefusal, {
  name: "StoreRefusal",
  description:
    "The database refused the write although it passed the checks (a concurrent writer, usually): what collided is named; nothing was written, and the request may be sent again",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.field({ type: StoreRefusalCode, resolve: (e) => STORE_REFUSAL_CODES[e.storeError._tag] }),
    target: t.string({
      description: "the table written to, e.g. whistle_request",
      resolve: (e) => e.storeError.target,
    }),
  }),
});

/**
 * Runs a write, turning a known violation of the database (unique, foreign key, missing row)
 * into a `StoreRefusal` naming `target`; anything else is rethrown (and masked).
 * @example await refusedAsTyped("determination", () => saveDetermination(db, "QX", d))
 */
export async function refusedAsTyped<T>(target: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const known = toStoreError(error, target);
    if (known === null) throw error;
    throw new StoreRefusal(known);
  }
}
