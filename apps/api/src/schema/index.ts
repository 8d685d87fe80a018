import { builder } from "../builder.ts";
import { assertEveryRootFieldChecked } from "../schema-access.ts";
import "./scalars.ts";
import "./county.ts";
import "./county-policy.ts";
import "./errors.ts";
import "./lists.ts";
import "./adjustments.ts";
import "./list-review.ts";
import "./responsibility.ts";
import "./ledger.ts";
import "./knowledge.ts";
import "./assessment.ts";
import "./records.ts";
import "./change-log.ts";
import "./hotline.ts";
import "./whistles.ts";

/** The GraphQL schema, built once; every root field checked by the access matrix. */
export const schema = builder.toSchema({ sortSchema: true });
assertEveryRootFieldChecked(schema);
