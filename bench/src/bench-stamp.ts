import type { Actor } from "@dutylist/core";
import type { ChangeStamp } from "@dutylist/store";

/** The system actor the benchmarks write as: their rows in the change log name it, not a person. */
export const BENCH_LOADER: Actor = {
  subject: "local:bench",
  name: "基准测试程序(系统)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

/**
 * The change-log stamp of a benchmark's write.
 * @example await saveCountyDataset(db, dataset, benchStamp("b3:county", { townships: 20 }))
 */
export function benchStamp(operation: string, args: unknown): ChangeStamp {
  return { actor: BENCH_LOADER, operation, arguments: args };
}
