import type { ExactDecimal } from "../base/exact-decimal.ts";

/**
 * A subject with its exact score, as given to `rankByScore`.
 * @example const row: ScoredSubject<string> = { subject: "QX-TY", score: exact("92.5") };
 */
export interface ScoredSubject<T> {
  readonly subject: T;
  readonly score: ExactDecimal;
}

/**
 * A subject with its exact score and its competition rank (S9): 1 is the highest score.
 * @example rankByScore([{ subject: "QX-TY", score: exact("92.5") }], (s) => s)[0] // { subject: "QX-TY", score: 92.5, rank: 1 }
 */
export interface Ranked<T> {
  readonly subject: T;
  readonly score: ExactDecimal;
  readonly rank: number;
}

// Code-unit order, not localeCompare: the output must not depend on the runtime's locale.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks subjects by score, highest first, with competition ranking (S9): tied subjects share a
 * rank and the next rank skips (1, 2, 2, 4). Ties are decided on the exact decimal, never on a
 * rounded figure, so 89.991 and 89.994 are not tied although both present as 89.99. The output is
 * ordered by rank, then by `key(subject)` in code-unit order, so input order never matters.
 *
 * @throws Error when two rows share a key or a score is not finite: keys identify subjects, and
 *   either case is a bug in the caller, not a ranking outcome.
 * @example
 * rankByScore(
 *   [{ subject: "B", score: exact("90") }, { subject: "A", score: exact("95") }, { subject: "C", score: exact("90.00") }],
 *   (s) => s,
 * ).map((r) => [r.subject, r.rank]) // [["A", 1], ["B", 2], ["C", 2]]
 */
export function rankByScore<T>(rows: readonly ScoredSubject<T>[], key: (subject: T) => string): Ranked<T>[] {
  const seen = new Set<string>();
  const keyed = rows.map((row) => {
    const k = key(row.subject);
    if (seen.has(k)) throw new Error(`rankByScore(): two rows share the key ${k}`);
    seen.add(k);
    if (!row.score.isFinite()) throw new Error(`rankByScore(): the score of ${k} is not finite`);
    return { row, key: k };
  });
  keyed.sort((a, b) => b.row.score.comparedTo(a.row.score) || compareKeys(a.key, b.key));
  let rank = 0;
  return keyed.map(({ row }, index) => {
    const before = keyed[index - 1];
    // S9: a tie keeps the rank of its group; otherwise the rank is the position (1, 2, 2, 4).
    if (before === undefined || !before.row.score.equals(row.score)) rank = index + 1;
    return { subject: row.subject, score: row.score, rank };
  });
}
