import type { Actor } from "@dutylist/core";
import type { ChangeStamp } from "@dutylist/store";
import type { Context } from "./context.ts";

/**
 * The actor a write is logged under while requests carry no verified identity (`ctx.actor` is
 * null): a placeholder, never a person. Its role is the administrator's because, until
 * authorization lands, every request may do what an administrator may.
 */
// replaced when authentication lands (issue 15)
export const UNAUTHENTICATED_PLACEHOLDER: Actor = {
  subject: "unauthenticated:placeholder",
  name: "未认证请求(身份认证上线前的占位)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

/**
 * The change-log stamp of a write the API makes: who the request acts as, the GraphQL field
 * (`approveAdjustment`) and its arguments as received (the log keeps their digest). The one way
 * resolvers stamp their writes.
 * @example await changeCounty(ctx, args.countyCode, (d) => approveAdjustment(d, id, approval), stampOf(ctx, "approveAdjustment", args))
 */
export function stampOf(ctx: Context, operation: string, args: unknown): ChangeStamp {
  return { actor: ctx.actor ?? UNAUTHENTICATED_PLACEHOLDER, operation, arguments: args };
}
