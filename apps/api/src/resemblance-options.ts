import type { FindResemblancesOptions } from "@dutylist/core";
import { loadCountyPolicy } from "@dutylist/store";
import type { Context } from "./context.ts";

/**
 * The county's resemblance threshold (`CountyPolicy.resemblanceThreshold`, policy, not rule) as
 * the core's L6 options: every resemblance flag the API raises for a county uses it.
 * @example proposeAdjustment(dataset, proposal, await resemblanceOptions(ctx, "QX"))
 */
export async function resemblanceOptions(ctx: Context, countyCode: string): Promise<FindResemblancesOptions> {
  const policy = await loadCountyPolicy(ctx.db, countyCode);
  return { threshold: Number(policy.resemblanceThreshold) };
}
