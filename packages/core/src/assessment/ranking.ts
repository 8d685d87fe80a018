import {
  DEFAULT_ROUNDING,
  type ExactDecimal,
  exact,
  type RoundingOptions,
  roundForPresentation,
} from "../base/exact-decimal.ts";
import type { ExactFigure } from "../base/exact-rational.ts";

/**
 * A subject with its exact score, as given to `rankByScore`.
 * @example const row: ScoredSubject<string> = { subject: "QX-TY", score: exact("92.5") };
 */
export interface ScoredSubject<T> {
  readonly subject: T;
  /** The exact score: a decimal, or a rational (scores, S8). */
  readonly score: ExactFigure;
}

/**
 * A subject with its exact score and its competition rank (S9): 1 is the highest score.
 * @example rankByScore([{ subject: "QX-TY", score: exact("92.5") }], (s) => s)[0] // { subject: "QX-TY", score: 92.5, rank: 1 }
 */
export interface Ranked<T> {
  readonly subject: T;
  readonly score: ExactFigure;
  readonly rank: number;
}

/**
 * Options of `rankByScore`.
 * @example rankByScore(rows, (s) => s, { rounding: { places: 1, mode: "HALF_UP" } })
 */
export interface RankByScoreOptions {
  /** How totals are published (S8); ranks are decided on the published figure (S9). */
  readonly rounding?: RoundingOptions;
}

/**
 * The figure a score is published as (S8), as a decimal to compare: what ranks and grades decide on
 * (S9: totals published equal are tied).
 * @example publishedScore(ExactRational.of(10).dividedBy(3).times(3)).toString() // "10"
 */
export function publishedScore(
  score: ExactFigure,
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): ExactDecimal {
  return exact(roundForPresentation(score, rounding));
}

// Code-unit order, not localeCompare: the output must not depend on the runtime's locale.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks subjects by score, highest first, with competition ranking (S9): tied subjects share a
 * rank and the next rank skips (1, 2, 2, 4). Totals that are published equal are tied (S9): scores
 * are compared as published — rounded once, half-up to 2 places unless `rounding` says otherwise
 * (S8) — so 89.991 and 89.994 (both 89.99) share a rank, and three shares of 10/3 tie with an
 * exact 10. The output is ordered by rank, then by `key(subject)` in code-unit order, so input
 * order never matters.
 *
 * @throws Error when two rows share a key or a score is not finite: keys identify subjects, and
 *   either case is a bug in the caller, not a ranking outcome.
 * @example
 * rankByScore(
 *   [{ subject: "B", score: exact("90") }, { subject: "A", score: exact("95") }, { subject: "C", score: exact("90.00") }],
 *   (s) => s,
 * ).map((r) => [r.subject, r.rank]) // [["A", 1], ["B", 2], ["C", 2]]
 */
export function rankByScore<T>(
  rows: readonly ScoredSubject<T>[],
  key: (subject: T) => string,
  options: RankByScoreOptions = {},
): Ranked<T>[] {
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  const seen = new Set<string>();
  const keyed = rows.map((row) => {
    const k = key(row.subject);
    if (seen.has(k)) throw new Error(`rankByScore(): two rows share the key ${k}`);
    seen.add(k);
    if (!row.score.isFinite()) throw new Error(`rankByScore(): the score of ${k} is not finite`);
    return { row, key: k, published: publishedScore(row.score, rounding) };
  });
  keyed.sort((a, b) => b.published.comparedTo(a.published) || compareKeys(a.key, b.key));
  let rank = 0;
  return keyed.map(({ row, published }, index) => {
    const before = keyed[index - 1];
    // S9: a tie (equal published totals) keeps the rank of its group; otherwise the rank is the
    // position (1, 2, 2, 4).
    if (before === undefined || !before.published.equals(published)) rank = index + 1;
    return { subject: row.subject, score: row.score, rank };
  });
}
