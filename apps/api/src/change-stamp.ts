import type { ChangeStamp } from "@dutylist/store";
import type { Context } from "./context.ts";

/**
 * The change-log stamp of a write the API makes: who the request acts as (its verified token),
 * the GraphQL field (`approveAdjustment`) and its arguments as received (the log keeps their
 * digest). The one way resolvers stamp their writes; every mutation is behind an access check
 * that refuses anonymous requests, so a write without an actor is a bug and is refused here.
 * @example await changeCounty(ctx, args.countyCode, (d) => approveAdjustment(d, id, approval), stampOf(ctx, "approveAdjustment", args))
 */
export function stampOf(ctx: Context, operation: string, args: unknown): ChangeStamp {
  if (ctx.actor === null)
    throw new Error(`${operation}: a write without a signed-in actor is never logged or made`);
  return { actor: ctx.actor, operation, arguments: args };
}
