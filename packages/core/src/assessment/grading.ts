import type { OperationError } from "../base/domain-error.ts";
import {
  DEFAULT_ROUNDING,
  type DecimalString,
  type ExactDecimal,
  exact,
  isDecimalString,
  type RoundingOptions,
  roundForPresentation,
} from "../base/exact-decimal.ts";
import type { ExactFigure } from "../base/exact-rational.ts";
import { assertNever, collect, type Result } from "../base/result.ts";
import { publishedScore, type Ranked } from "./ranking.ts";

/**
 * One grade of a threshold rule: reached by a score of at least `minScore`.
 * @example const good: GradeThreshold = { grade: "良好", minScore: "80" };
 */
export interface GradeThreshold {
  readonly grade: string;
  readonly minScore: DecimalString;
}

/**
 * Grading by thresholds (S9): each subject gets the grade of the highest `minScore` its published
 * score (S8: rounded once) reaches (the order of `grades` does not matter), or `fallback` when it reaches none.
 * @example
 * const rule: ThresholdGrading = {
 *   kind: "THRESHOLDS",
 *   grades: [{ grade: "优秀", minScore: "90" }, { grade: "良好", minScore: "80" }, { grade: "合格", minScore: "60" }],
 *   fallback: "不合格",
 * };
 */
export interface ThresholdGrading {
  readonly kind: "THRESHOLDS";
  readonly grades: readonly GradeThreshold[];
  readonly fallback: string;
}

/**
 * Everyone gets the same grade, e.g. the subjects outside a quota all 合格.
 * @example const rest: SingleGrade = { kind: "SAME", grade: "合格" };
 */
export interface SingleGrade {
  readonly kind: "SAME";
  readonly grade: string;
}

/**
 * Grading by quota (S9): at most `floor(maxShare × n)` of the n ranked subjects get `top.grade`,
 * best ranks first; the rest are graded by `otherwise`.
 *
 * Ties at the cut are never split (S9: tied subjects share a rank, so they share a grade). By
 * default — county policy, not a rule (`CountyPolicy.quotaTies`, `NONE`) — when a tied group would
 * not fit entirely into the quota, none of it gets the top grade (and nobody ranked below it does),
 * so the quota is never exceeded, at the price of sometimes leaving places unused; with `ALL` the
 * whole group gets it.
 * With `minScore`, the top grade also needs a score of at least `minScore` (e.g. 优秀 only in the
 * top 30 % and at ≥ 90). `otherwise` may not award `top.grade`, or the quota would be moot.
 * Quotas do not nest: the rest is graded by thresholds or a single grade.
 * @example
 * // at most 20 % 优秀, everyone else 合格
 * const rule: QuotaGrading = {
 *   kind: "QUOTA",
 *   top: { grade: "优秀", maxShare: "0.2", minScore: null },
 *   otherwise: { kind: "SAME", grade: "合格" },
 * };
 */
export interface QuotaGrading {
  readonly kind: "QUOTA";
  readonly top: {
    readonly grade: string;
    /** The largest share of subjects with the top grade, a fraction in [0, 1]: `"0.3"` for 30 %. */
    readonly maxShare: DecimalString;
    readonly minScore: DecimalString | null;
  };
  readonly otherwise: ThresholdGrading | SingleGrade;
}

/**
 * How ranked subjects are graded (S9): configurable by the county, `DEFAULT_GRADING` otherwise.
 * @example const rule: GradingRule = county.grading ?? DEFAULT_GRADING;
 */
export type GradingRule = ThresholdGrading | QuotaGrading | SingleGrade;

/**
 * The default grading (S9) — county policy, not a rule (`CountyPolicy.townshipGrading`,
 * `departmentGrading`) — in the grades published assessment results use (优秀/良好/合格/不合格):
 * 优秀 for at most 30 % of the subjects (S9's example), and only at a score of at least 90 (policy:
 * the seeds set no score), so a weak field does not produce 优秀 by rank alone; the rest 良好 at
 * ≥ 80, 合格 at ≥ 60 (policy), otherwise 不合格.
 * @example gradeRanked(ranked, DEFAULT_GRADING)
 */
export const DEFAULT_GRADING: QuotaGrading = {
  kind: "QUOTA",
  top: { grade: "优秀", maxShare: "0.3", minScore: "90" },
  otherwise: {
    kind: "THRESHOLDS",
    grades: [
      { grade: "良好", minScore: "80" },
      { grade: "合格", minScore: "60" },
    ],
    fallback: "不合格",
  },
};

/**
 * A ranked subject with its grade and why, in Chinese.
 * @example { subject, score, rank: 5, grade: "良好", reason: "排名第5/10,不在优秀名额(前30.00%,共3名)之内;得分85.00≥80.00,评为良好" }
 */
export interface Graded<T> extends Ranked<T> {
  readonly grade: string;
  readonly reason: string;
}

/**
 * Why a grading rule was rejected, naming the field (S9).
 * @example { _tag: "INVALID_FIELD", field: "top.maxShare", message: "top.maxShare:\"1.5\" 须为0到1之间的比例,如 0.3" }
 */
export type InvalidGradingRule = Extract<OperationError, { readonly _tag: "INVALID_FIELD" }>;

function invalid(field: string, message: string): InvalidGradingRule {
  return { _tag: "INVALID_FIELD", field, message };
}

function checkGrade(grade: string, field: string, found: InvalidGradingRule[]): void {
  if (grade.trim() === "") found.push(invalid(field, `${field}:等次名称不能为空`));
}

function checkThresholds(rule: ThresholdGrading, at: string, found: InvalidGradingRule[]): void {
  const seen: ExactDecimal[] = [];
  rule.grades.forEach((threshold, index) => {
    const field = `${at}grades[${index}]`;
    checkGrade(threshold.grade, `${field}.grade`, found);
    if (!isDecimalString(threshold.minScore)) {
      found.push(invalid(`${field}.minScore`, `${field}.minScore:"${threshold.minScore}" 不是数值`));
      return;
    }
    const min = exact(threshold.minScore);
    if (seen.some((other) => other.equals(min))) {
      found.push(
        invalid(`${field}.minScore`, `${field}.minScore:分数线 ${threshold.minScore} 重复,等次不唯一`),
      );
    }
    seen.push(min);
  });
  checkGrade(rule.fallback, `${at}fallback`, found);
}

function restGrades(rule: ThresholdGrading | SingleGrade): string[] {
  return rule.kind === "SAME" ? [rule.grade] : [...rule.grades.map((g) => g.grade), rule.fallback];
}

/**
 * Checks a county's grading rule (S9): grade names present, scores and shares decimal, a share in
 * [0, 1], no two thresholds at the same score, and no top grade outside the quota.
 * @example validateGradingRule(DEFAULT_GRADING).ok // true
 */
export function validateGradingRule(rule: GradingRule): Result<GradingRule, InvalidGradingRule> {
  const found: InvalidGradingRule[] = [];
  switch (rule.kind) {
    case "SAME":
      checkGrade(rule.grade, "grade", found);
      break;
    case "THRESHOLDS":
      checkThresholds(rule, "", found);
      break;
    case "QUOTA": {
      const { top, otherwise } = rule;
      checkGrade(top.grade, "top.grade", found);
      if (!isDecimalString(top.maxShare) || exact(top.maxShare).lt(0) || exact(top.maxShare).gt(1)) {
        found.push(invalid("top.maxShare", `top.maxShare:"${top.maxShare}" 须为0到1之间的比例,如 0.3`));
      }
      if (top.minScore !== null && !isDecimalString(top.minScore)) {
        found.push(invalid("top.minScore", `top.minScore:"${top.minScore}" 不是数值`));
      }
      if (otherwise.kind === "SAME") checkGrade(otherwise.grade, "otherwise.grade", found);
      else checkThresholds(otherwise, "otherwise.", found);
      if (restGrades(otherwise).includes(top.grade)) {
        found.push(
          invalid("otherwise", `otherwise:名额外不能再评为${top.grade},否则${top.grade}名额限制失效`),
        );
      }
      break;
    }
    default:
      return assertNever(rule);
  }
  return collect(found, rule);
}

/**
 * What happens to a tied group at the cut of a quota — county policy (`CountyPolicy.quotaTies`;
 * S9 names the quota, not the tie): `NONE` (default) — none of the group gets the top grade, so
 * the quota is never exceeded; `ALL` — all of it does, so the tie may exceed the quota.
 */
export type QuotaTiePolicy = "NONE" | "ALL";

/**
 * Options of `gradeRanked`.
 * @example gradeRanked(ranked, DEFAULT_GRADING, { rounding: { places: 1, mode: "HALF_UP" } })
 */
export interface GradeRankedOptions {
  /** How the figures in reasons are presented (S8); half-up to 2 places by default. */
  readonly rounding?: RoundingOptions;
  /** Policy: a tie at a quota's cut gets the top grade nowhere (`NONE`, default) or everywhere (`ALL`). */
  readonly quotaTies?: QuotaTiePolicy;
}

interface ShownScore {
  readonly value: ExactDecimal;
  readonly text: string;
}

function comparison(score: ShownScore, bound: ExactDecimal, rounding: RoundingOptions): string {
  const sign = score.value.gte(bound) ? "≥" : "<";
  return `得分${score.text}${sign}${roundForPresentation(bound, rounding)}`;
}

function gradeByThresholds(
  score: ShownScore,
  rule: ThresholdGrading,
  rounding: RoundingOptions,
): { readonly grade: string; readonly reason: string } {
  const thresholds = rule.grades
    .map((t) => ({ grade: t.grade, min: exact(t.minScore) }))
    .sort((a, b) => b.min.comparedTo(a.min));
  const reached = thresholds.find((t) => score.value.gte(t.min));
  if (reached !== undefined) {
    return {
      grade: reached.grade,
      reason: `${comparison(score, reached.min, rounding)},评为${reached.grade}`,
    };
  }
  const lowest = thresholds.at(-1);
  const why = lowest === undefined ? "" : `${comparison(score, lowest.min, rounding)},`;
  return { grade: rule.fallback, reason: `${why}评为${rule.fallback}` };
}

function gradeRest(
  score: ShownScore,
  rule: ThresholdGrading | SingleGrade,
  rounding: RoundingOptions,
): { readonly grade: string; readonly reason: string } {
  return rule.kind === "SAME"
    ? { grade: rule.grade, reason: `评为${rule.grade}` }
    : gradeByThresholds(score, rule, rounding);
}

/**
 * Grades ranked subjects (S9) by thresholds, by quota or with a single grade, each with its reason
 * in Chinese: `排名第2/10,位于优秀名额(前30.00%,共3名)之内,评为优秀` or `得分85.00≥80.00,评为良好`.
 * Thresholds compare published scores (S8: rounded once, by `options.rounding`), and a quota counts
 * subjects by published score — the figures ranks are decided on, so subjects tied as published
 * (S9) get one grade. A quota never exceeds `floor(maxShare × n)` and never splits a tie (see
 * `QuotaGrading`). The output keeps the order of `ranked`; rank with the same rounding.
 *
 * @throws Error when `rule` fails `validateGradingRule` (check county settings with it first), or
 *   when a rank is not the competition rank of its score (rank with `rankByScore`).
 * @example
 * const ranked = rankByScore(rows, (t) => t.code);
 * gradeRanked(ranked, DEFAULT_GRADING).map((g) => [g.subject.code, g.grade, g.reason])
 */
export function gradeRanked<T>(
  ranked: readonly Ranked<T>[],
  rule: GradingRule,
  options: GradeRankedOptions = {},
): Graded<T>[] {
  const checked = validateGradingRule(rule);
  if (!checked.ok) throw new Error(`gradeRanked(): ${checked.errors.map((e) => e.message).join("; ")}`);
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  // S9: grades are decided on the published score (S8: rounded once), as ranks are, so subjects
  // tied as published always get the same grade, and every reason reads true as printed.
  const shown = (score: ExactFigure): ShownScore => {
    const value = publishedScore(score, rounding);
    return { value, text: roundForPresentation(value, rounding) };
  };
  switch (rule.kind) {
    case "SAME":
      return ranked.map((r) => ({ ...r, grade: rule.grade, reason: `评为${rule.grade}` }));
    case "THRESHOLDS":
      return ranked.map((r) => ({ ...r, ...gradeByThresholds(shown(r.score), rule, rounding) }));
    case "QUOTA":
      return gradeByQuota(ranked, rule, rounding, shown, options.quotaTies ?? "NONE");
    default:
      return assertNever(rule);
  }
}

/** For each published score: how many subjects score higher, and how many at least as high. */
function standings<T>(
  ranked: readonly Ranked<T>[],
  shown: (score: ExactFigure) => ShownScore,
): Map<string, { higher: number; atOrAbove: number }> {
  const sorted = ranked.map((r) => shown(r.score).value).sort((a, b) => b.comparedTo(a));
  const found = new Map<string, { higher: number; atOrAbove: number }>();
  sorted.forEach((score, index) => {
    // Decimal text is normalised ("90.00" and "90" both read "90"), so equal scores share a key.
    const key = score.toString();
    found.set(key, { higher: found.get(key)?.higher ?? index, atOrAbove: index + 1 });
  });
  return found;
}

function gradeByQuota<T>(
  ranked: readonly Ranked<T>[],
  rule: QuotaGrading,
  rounding: RoundingOptions,
  shown: (score: ExactFigure) => ShownScore,
  ties: QuotaTiePolicy,
): Graded<T>[] {
  const n = ranked.length;
  const { grade, maxShare, minScore } = rule.top;
  const quota = exact(maxShare).times(n).floor().toNumber();
  const min = minScore === null ? null : exact(minScore);
  const places = `${grade}名额(前${roundForPresentation(exact(maxShare).times(100), rounding)}%,共${quota}名)`;
  const standing = standings(ranked, shown);

  return ranked.map((r) => {
    // The quota is decided on the published scores themselves, so ranks given by hand cannot stretch it.
    const score = shown(r.score);
    const { higher, atOrAbove } = standing.get(score.value.toString()) ?? { higher: -1, atOrAbove: -1 };
    if (higher + 1 !== r.rank) {
      throw new Error(
        `gradeRanked(): rank ${r.rank} is not the competition rank of its score; rank with rankByScore`,
      );
    }
    const position = `排名第${r.rank}/${n}`;
    // S9: a tied group fills places rank … atOrAbove and is never split. Policy (quotaTies): by
    // default it gets the top grade only if all of it fits, so the quota is never exceeded; with
    // ALL, a group that starts inside the quota gets it whole.
    const fits = ties === "ALL" ? higher < quota : atOrAbove <= quota;
    const below = min !== null && score.value.lt(min) ? min : null;
    if (fits && below === null) {
      const andScore = min === null ? "" : `,且${comparison(score, min, rounding)}`;
      const within =
        atOrAbove <= quota
          ? `位于${places}之内`
          : `与另${atOrAbove - higher - 1}名并列跨${places}线,按政策并列者均评${grade}`;
      return { ...r, grade, reason: `${position},${within}${andScore},评为${grade}` };
    }
    const tie = atOrAbove - higher;
    const why =
      fits && below !== null
        ? `${position},位于${places}之内,但${comparison(score, below, rounding)},不评${grade}`
        : r.rank <= quota
          ? `${position},与另${tie - 1}名并列,并列${tie}名超出${places},并列者均不评${grade}`
          : `${position},不在${places}之内`;
    const rest = gradeRest(score, rule.otherwise, rounding);
    return { ...r, grade: rest.grade, reason: `${why};${rest.reason}` };
  });
}
