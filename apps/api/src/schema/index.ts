import { builder } from "../builder.ts";
import "./scalars.ts";
import "./county.ts";
import "./county-policy.ts";
import "./errors.ts";
import "./lists.ts";
import "./list-review.ts";
import "./responsibility.ts";
import "./ledger.ts";
import "./knowledge.ts";
import "./assessment.ts";
import "./records.ts";
import "./change-log.ts";

/** The GraphQL schema, built once. */
export const schema = builder.toSchema({ sortSchema: true });
