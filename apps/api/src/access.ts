import {
  type AccessRefusal,
  type AccessTarget,
  type Actor,
  type ApprovalSigner,
  authorize,
  type OperationName,
} from "@dutylist/core";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";

// Every query field, mutation and download is checked against the core's role × operation matrix
// (ACCESS_POLICY) before it runs: in the schema through @pothos/plugin-scope-auth (the `access`
// scope, see builder.ts), for downloads in downloads.ts. County scoping is in the target: each
// operation names the county (and, for a township or department user, the units) it acts on.

/** What one request asks to do: the scope-auth plugin's parameter of the `access` scope. */
export interface AccessRequest {
  readonly operation: OperationName;
  readonly target: AccessTarget;
}

/**
 * The GraphQL error of a refusal: `extensions.code` UNAUTHENTICATED or FORBIDDEN, the message
 * naming the role, the operation and what was out of its reach.
 * @example accessError({ _tag: "FORBIDDEN", message: "…" }).extensions.code // "FORBIDDEN"
 */
export function accessError(refusal: AccessRefusal): GraphQLError {
  return new GraphQLError(refusal.message, { extensions: { code: refusal._tag } });
}

/**
 * The scope loader: grants the request when the matrix does, else throws its refusal.
 * @example checkAccess(ctx.actor, { operation: "county", target: { countyCode: "QX" } }) // true
 */
export function checkAccess(actor: Actor | null, request: AccessRequest): true {
  const decided = authorize(actor, request.operation, request.target);
  if (decided.ok) return true;
  throw accessError(decided.errors[0]);
}

/**
 * A field's `authScopes`: the operation and the target its arguments name.
 * @example authScopes: access("listsAsOf", (a) => ({ countyCode: a.countyCode, townshipCodes: [a.townshipCode] }))
 */
export function access<A>(operation: OperationName, target: (args: A, ctx: Context) => AccessTarget) {
  return (_parent: unknown, args: A, ctx: Context) => ({ access: { operation, target: target(args, ctx) } });
}

/** The target of an operation that names only its county. */
export const inCounty = (a: { readonly countyCode: string }): AccessTarget => ({ countyCode: a.countyCode });

/**
 * The target of a batch of records: every township and department its records name, so a
 * township or department user may send only its own unit's.
 * @example unitsOf("QX", [{ townshipCode: "QX-CG", departmentCode: "ZHZFJ" }]).townshipCodes // ["QX-CG"]
 */
export function unitsOf(
  countyCode: string,
  records: readonly { readonly townshipCode: string; readonly departmentCode?: string | null | undefined }[],
): AccessTarget {
  return {
    countyCode,
    townshipCodes: records.map((r) => r.townshipCode),
    departmentCodes: records.flatMap((r) => (r.departmentCode == null ? [] : [r.departmentCode])),
  };
}

const PROPOSER_WORDS: Readonly<Record<string, string>> = {
  COUNTY_PARTY_COMMITTEE: "以县委名义",
  COUNTY_GOVERNMENT: "以县政府名义",
  DEPARTMENT: "以其他部门名义",
  TOWNSHIP: "以其他乡镇名义",
};

/**
 * The target of a proposed adjustment: a department proposes in its own name; a township in its
 * own name and for its own lists only (its application, 乡镇申请).
 * @example proposalTarget("QX", { proposer: { kind: "TOWNSHIP", code: "QX-CG" }, changes: [{ townshipCode: "QX-CG" }] })
 */
export function proposalTarget(
  countyCode: string,
  input: {
    readonly proposer: { readonly kind: string; readonly code?: string | null | undefined };
    readonly changes: readonly { readonly townshipCode: string }[];
  },
): AccessTarget {
  const { kind, code } = input.proposer;
  const named = (as: string) => (kind === as && code != null ? code : (PROPOSER_WORDS[kind] ?? kind));
  return {
    countyCode,
    townshipCodes: [named("TOWNSHIP"), ...input.changes.map((c) => c.townshipCode)],
    departmentCodes: [named("DEPARTMENT")],
  };
}

/**
 * The signed-in user of a request as the signer of what it approves (an approval's `signedBy`).
 * Only reached behind an access check that refuses anonymous requests.
 * @example signerOf(ctx) // { subject: "u-17", name: "省委编办", role: "PROVINCIAL_APPROVER" }
 */
export function signerOf(ctx: Context): ApprovalSigner {
  const { actor } = ctx;
  if (actor === null) throw new Error("a signed operation ran without a signed-in actor");
  return { subject: actor.subject, name: actor.name, role: actor.role };
}

interface ScopeFailure {
  readonly error?: Error | null;
  readonly failures?: readonly ScopeFailure[];
}

/**
 * The error the client gets when scope-auth refuses a field: the matrix's refusal (thrown by the
 * `access` loader, found among the plugin's nested failures), or a plain FORBIDDEN.
 * @example unauthorizedErrorOf({ message: "Not authorized", failure }) // the refusal naming the role
 */
export function unauthorizedErrorOf(result: {
  readonly message: string;
  readonly failure: ScopeFailure;
}): Error {
  const find = (failure: ScopeFailure): Error | null =>
    failure.error ?? failure.failures?.map(find).find((error) => error !== null) ?? null;
  return find(result.failure) ?? accessError({ _tag: "FORBIDDEN", message: result.message });
}
