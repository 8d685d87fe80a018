import { isOperationName } from "@dutylist/core";
import type { GraphQLSchema } from "graphql";

/**
 * Every root field of the schema with its access check: each must be an operation of the core's
 * matrix (ACCESS_POLICY) and carry `authScopes`. Called when the schema is built, so a field added
 * without a role cannot be served.
 * @example assertEveryRootFieldChecked(schema) // throws naming the unchecked fields
 */
export function assertEveryRootFieldChecked(schema: GraphQLSchema): void {
  const unchecked: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const options = field.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
      if (!isOperationName(field.name) || options?.authScopes === undefined) unchecked.push(field.name);
    }
  }
  if (unchecked.length > 0)
    throw new Error(
      `root fields without an access check (ACCESS_POLICY + authScopes): ${unchecked.join(", ")}`,
    );
}
