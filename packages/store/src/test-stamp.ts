import type { Actor } from "@dutylist/core";
import type { ChangeStamp } from "./change-log.ts";

/** The actor tests write as: an administrator of every county, named as such in the change log. */
export const TEST_ACTOR: Actor = {
  subject: "local:test",
  name: "测试(管理员)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

/**
 * A change-log stamp for a test's write.
 * @example await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"))
 */
export function testStamp(operation = "test", args: unknown = {}): ChangeStamp {
  return { actor: TEST_ACTOR, operation, arguments: args };
}
