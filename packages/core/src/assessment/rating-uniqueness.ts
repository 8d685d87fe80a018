// S6: a township rates each department once a year (双向评价): the one check, whoever adds ratings.
import type { DepartmentRating } from "./performance-record.ts";

type RatingPair = Pick<DepartmentRating, "id" | "year" | "townshipCode" | "departmentCode">;

/** A new rating of a township, department and year that already has one. */
export interface RepeatedRating {
  /** Its position among the new ratings. */
  readonly index: number;
  readonly rating: RatingPair;
  /** The rating that came first: stored, or earlier among the new ones. */
  readonly earlier: { readonly id: string; readonly stored: boolean };
  readonly message: string;
}

function pairKey(r: RatingPair): string {
  return `${r.year}\u0000${r.townshipCode}\u0000${r.departmentCode}`;
}

/**
 * S6: every new rating whose township, department and year already have a rating — stored, or
 * earlier in the same batch. A new rating carrying the id of the stored one it repeats is left to
 * the id check (records are write-once).
 * @example repeatedRatings([{ id: "R2", year: 2025, townshipCode: "QX-CG", departmentCode: "MZJ" }], [stored])[0]?.earlier // { id: "R1", stored: true }
 */
export function repeatedRatings(
  fresh: readonly RatingPair[],
  stored: readonly RatingPair[],
): RepeatedRating[] {
  const taken = new Map<string, { id: string; stored: boolean }>(
    stored.map((r) => [pairKey(r), { id: r.id, stored: true }]),
  );
  const found: RepeatedRating[] = [];
  fresh.forEach((rating, index) => {
    const key = pairKey(rating);
    const earlier = taken.get(key);
    if (earlier === undefined) {
      taken.set(key, { id: rating.id, stored: false });
      return;
    }
    if (earlier.stored && earlier.id === rating.id) return;
    found.push({
      index,
      rating,
      earlier,
      message: `乡镇(街道) ${rating.townshipCode} 对部门 ${rating.departmentCode} 的 ${rating.year} 年度评价已有${earlier.stored ? "库中的记录" : "本批的记录"} ${earlier.id}:每个乡镇(街道)对每个部门每年只有一条评价(S6)`,
    });
  });
  return found;
}
