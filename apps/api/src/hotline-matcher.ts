import { HotlineMatcher } from "@dutylist/hotline";
import { loadHotlineData } from "@dutylist/store";
import type { Context } from "./context.ts";

/**
 * A county's 12345 matcher (H1): its catalogue and lists, vocabulary, corrections and gazetteer,
 * built once per revision of the county (a correction or a list change rebuilds it at the next
 * request); null for an unknown county.
 */
export async function hotlineMatcher(ctx: Context, countyCode: string): Promise<HotlineMatcher | null> {
  const at = await ctx.revision(countyCode);
  return ctx.caches.matchers.get(countyCode, at, async () => {
    const county = await ctx.county(countyCode);
    if (county === null) return null;
    const { phrases, places } = await loadHotlineData(ctx.db, countyCode);
    const matcher = new HotlineMatcher();
    matcher.addCounty(county.dataset, phrases, places);
    return matcher;
  });
}
