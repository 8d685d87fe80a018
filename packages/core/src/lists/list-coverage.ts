import type { IsoDate } from "../base/calendar-date.ts";
import type { NoListRecorded } from "../base/domain-error.ts";
import { err, ok, type Result } from "../base/result.ts";
import type { ListIndex } from "./list-index.ts";
import { listsAsOf, type TownshipLists } from "./lists-as-of.ts";

// A9 on a date before any list: the lists in force on the day decide — and before a township's
// first recorded list there are none to decide by. Such a date is not "off-list" (A11 would then
// blame or clear by default); the question has no answer from the record, and says so.

/**
 * The first day any list of the township was in force (its first version, L2), or `null` when
 * none was ever recorded.
 * @example firstListDate(buildListIndex(demoCounty().entries), "QX-CG") // "2025-01-01"
 */
export function firstListDate(index: ListIndex, townshipCode: string): IsoDate | null {
  return index.changes.get(townshipCode)?.[0]?.effectiveFrom ?? null;
}

/**
 * `NO_LIST_RECORDED` when `date` is before the township's first recorded list (or it has none);
 * `null` when its lists of that day are on record, however few items they hold (A9).
 * @example noListRecorded(index, "QX", "QX-CG", isoDate("2024-12-31"))?.firstRecorded // "2025-01-01"
 */
export function noListRecorded(
  index: ListIndex,
  countyCode: string,
  townshipCode: string,
  date: IsoDate,
  townshipName: string = townshipCode,
): NoListRecorded | null {
  const firstRecorded = firstListDate(index, townshipCode);
  if (firstRecorded !== null && firstRecorded <= date) return null;
  return {
    _tag: "NO_LIST_RECORDED",
    countyCode,
    townshipCode,
    date,
    firstRecorded,
    message:
      firstRecorded === null
        ? `${townshipName}没有任何清单记录:无法按 ${date} 的清单作答,也不能据此认定为清单外事项(规则A9)`
        : `${townshipName}在 ${date} 尚无清单记录(最早的清单自 ${firstRecorded} 起施行):无法按当日清单作答,也不能据此认定为清单外事项(规则A9)`,
  };
}

/**
 * The township's lists as they stood on `date` (`listsAsOf`), or `NO_LIST_RECORDED` before its
 * first recorded list — where `listsAsOf` would answer with empty lists (A9).
 * @example recordedListsAsOf(index, "QX", "QX-CG", isoDate("2024-06-01")).ok // false
 */
export function recordedListsAsOf(
  index: ListIndex,
  countyCode: string,
  townshipCode: string,
  date: IsoDate,
): Result<TownshipLists, NoListRecorded> {
  const missing = noListRecorded(index, countyCode, townshipCode, date);
  return missing === null ? ok(listsAsOf(index, townshipCode, date)) : err(missing);
}
