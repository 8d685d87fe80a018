import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExactDecimal, exact, roundForPresentation } from "../base/exact-decimal.ts";
import { ExactRational } from "../base/exact-rational.ts";
import {
  DEFAULT_GRADING,
  type GradingRule,
  gradeRanked,
  type QuotaGrading,
  type ThresholdGrading,
  validateGradingRule,
} from "./grading.ts";
import { publishedScore, type Ranked, rankByScore } from "./ranking.ts";

const RUNS = { numRuns: 100 } as const;

interface Town {
  readonly code: string;
}

const byCode = (t: Town) => t.code;

function rank(scores: Readonly<Record<string, string>>): Ranked<Town>[] {
  return rankByScore(
    Object.entries(scores).map(([code, score]) => ({ subject: { code }, score: exact(score) })),
    byCode,
  );
}

const summary = (ranked: readonly Ranked<Town>[]) => ranked.map((r) => [r.subject.code, r.rank]);

const THRESHOLDS: ThresholdGrading = {
  kind: "THRESHOLDS",
  grades: [
    { grade: "合格", minScore: "60" },
    { grade: "优秀", minScore: "90" },
    { grade: "良好", minScore: "80" },
  ],
  fallback: "不合格",
};

function quota(maxShare: string, minScore: string | null = null): QuotaGrading {
  return {
    kind: "QUOTA",
    top: { grade: "优秀", maxShare, minScore },
    otherwise: DEFAULT_GRADING.otherwise,
  };
}

/** Ten townships T01…T10 with the given scores, the rest at 70. */
function ten(scores: readonly string[]): Ranked<Town>[] {
  const all = Array.from({ length: 10 }, (_, i) => scores[i] ?? "70");
  return rank(Object.fromEntries(all.map((s, i) => [`T${String(i + 1).padStart(2, "0")}`, s])));
}

describe("S9 ranking", () => {
  it("S9: competition ranking 1, 2, 2, 4, ties listed by key", () => {
    const ranked = rank({ D: "80", C: "92.50", A: "95", B: "92.5" });
    expect(summary(ranked)).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 2],
      ["D", 4],
    ]);
    expect(summary(rank({ Z: "1", Y: "1", X: "1", W: "0" }))).toEqual([
      ["X", 1],
      ["Y", 1],
      ["Z", 1],
      ["W", 4],
    ]);
    expect(rank({})).toEqual([]);
  });

  it("S9: totals that are published equal are tied (89.991 and 89.994 both print 89.99)", () => {
    // S9 (corrected): ties share a rank; totals that are published equal are tied.
    expect(roundForPresentation(exact("89.991"))).toBe(roundForPresentation(exact("89.994")));
    expect(roundForPresentation(exact("90"))).toBe(roundForPresentation(exact("89.995")));
    expect(summary(rank({ A: "89.991", B: "89.994", C: "89.995", D: "90" }))).toEqual([
      ["C", 1],
      ["D", 1],
      ["A", 3],
      ["B", 3],
    ]);
    // Equal values written differently are a tie.
    expect(summary(rank({ A: "90.000", B: "90" }))).toEqual([
      ["A", 1],
      ["B", 1],
    ]);
    // The county's presentation decides what is published (S8, configurable): to one place,
    // 89.94 and 89.95 print 89.9 and 90.0.
    const onePlace = { rounding: { places: 1, mode: "HALF_UP" } } as const;
    const rows = [
      { subject: { code: "A" }, score: exact("89.94") },
      { subject: { code: "B" }, score: exact("89.91") },
      { subject: { code: "C" }, score: exact("89.95") },
    ];
    expect(summary(rankByScore(rows, byCode, onePlace))).toEqual([
      ["C", 1],
      ["A", 2],
      ["B", 2],
    ]);
  });

  it("S8/S9: three shares of 10/3 points are exactly 10 and tie with an exact 10", () => {
    // S8 (corrected): arithmetic is exact — three thirds of 10 points are exactly 10.
    const third = ExactRational.of(10).dividedBy(3);
    const shares = third.plus(third).plus(third);
    expect(shares.equals(10)).toBe(true);
    expect(shares.toString()).toBe("10");
    expect(roundForPresentation(third)).toBe("3.33");
    expect(roundForPresentation(shares)).toBe("10.00");
    // S9: both print 10.00, so they share rank 1 (before, the 40-digit 9.999…9 ranked second).
    const ranked = rankByScore(
      [
        { subject: { code: "SHARES" }, score: shares },
        { subject: { code: "EXACT" }, score: exact("10") },
        { subject: { code: "LOWER" }, score: exact("9.99") },
      ],
      byCode,
    );
    expect(summary(ranked)).toEqual([
      ["EXACT", 1],
      ["SHARES", 1],
      ["LOWER", 3],
    ]);
    // And they get one grade, with a reason that reads true as printed.
    const full: ThresholdGrading = {
      kind: "THRESHOLDS",
      grades: [{ grade: "满分", minScore: "10" }],
      fallback: "未满分",
    };
    expect(gradeRanked(ranked, full).map((g) => [g.subject.code, g.grade, g.reason])).toEqual([
      ["EXACT", "满分", "得分10.00≥10.00,评为满分"],
      ["SHARES", "满分", "得分10.00≥10.00,评为满分"],
      ["LOWER", "未满分", "得分9.99<10.00,评为未满分"],
    ]);
  });

  it("S9: two rows for one subject (same key) are a caller bug", () => {
    const rows = [
      { subject: { code: "A" }, score: exact("1") },
      { subject: { code: "A" }, score: exact("2") },
    ];
    expect(() => rankByScore(rows, byCode)).toThrow(/share the key A/);
  });

  const scoreArb: fc.Arbitrary<ExactDecimal> = fc.oneof(
    // Few distinct values, so ties are common; some differ only beyond the presented places.
    fc.constantFrom("95", "92.5", "92.50", "90", "89.995", "89.994", "89.991", "80", "60", "0").map(exact),
    fc.integer({ min: 0, max: 10_000 }).map((h) => exact(h).dividedBy(100)),
  );

  const rowsArb = fc
    .array(scoreArb, { maxLength: 25 })
    .map((scores) =>
      scores.map((score, i) => ({ subject: { code: `T${String(i).padStart(2, "0")}` }, score })),
    );

  it("S9 property: ranks do not depend on input order and are 1 + the number of higher published scores", () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          ),
        ),
        ([rows, shuffled]) => {
          const ranked = rankByScore(rows, byCode);
          const view = (rs: readonly Ranked<Town>[]) =>
            rs.map((r) => [r.subject.code, r.score.toString(), r.rank]);
          expect(view(rankByScore(shuffled, byCode))).toEqual(view(ranked));
          for (const r of ranked) {
            const published = publishedScore(r.score);
            expect(r.rank).toBe(1 + rows.filter((row) => publishedScore(row.score).gt(published)).length);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("S9 grading", () => {
  it("S9: thresholds give the highest grade reached, whatever the order of the configured grades", () => {
    const graded = gradeRanked(
      rank({ A: "95", B: "85", C: "80", D: "79.995", E: "60", F: "59.99" }),
      THRESHOLDS,
    );
    expect(graded.map((g) => [g.subject.code, g.grade, g.reason])).toEqual([
      ["A", "优秀", "得分95.00≥90.00,评为优秀"],
      ["B", "良好", "得分85.00≥80.00,评为良好"],
      ["C", "良好", "得分80.00≥80.00,评为良好"],
      // S9: 79.995 is published as 80.00 (S8) and graded as published, like C it is tied with.
      ["D", "良好", "得分80.00≥80.00,评为良好"],
      ["E", "合格", "得分60.00≥60.00,评为合格"],
      ["F", "不合格", "得分59.99<60.00,评为不合格"],
    ]);
  });

  it("S9: grades are decided on the published score, so tied subjects share a grade and reasons read true", () => {
    const rule: GradingRule = {
      kind: "THRESHOLDS",
      grades: [{ grade: "良好", minScore: "80" }],
      fallback: "合格",
    };
    expect(gradeRanked(rank({ A: "79.995", B: "79.994" }), rule).map((g) => g.reason)).toEqual([
      "得分80.00≥80.00,评为良好",
      "得分79.99<80.00,评为合格",
    ]);
  });

  it("S9: the default quota gives 优秀 to at most 30 %, the rest by thresholds", () => {
    const graded = gradeRanked(
      ten(["98", "96", "94", "92", "85", "81", "75", "62", "60", "41"]),
      DEFAULT_GRADING,
    );
    expect(graded.map((g) => [g.subject.code, g.rank, g.grade])).toEqual([
      ["T01", 1, "优秀"],
      ["T02", 2, "优秀"],
      ["T03", 3, "优秀"],
      ["T04", 4, "良好"],
      ["T05", 5, "良好"],
      ["T06", 6, "良好"],
      ["T07", 7, "合格"],
      ["T08", 8, "合格"],
      ["T09", 9, "合格"],
      ["T10", 10, "不合格"],
    ]);
    expect(graded[1]?.reason).toBe("排名第2/10,位于优秀名额(前30.00%,共3名)之内,且得分96.00≥90.00,评为优秀");
    expect(graded[3]?.reason).toBe("排名第4/10,不在优秀名额(前30.00%,共3名)之内;得分92.00≥80.00,评为良好");
    expect(graded[9]?.reason).toBe("排名第10/10,不在优秀名额(前30.00%,共3名)之内;得分41.00<60.00,评为不合格");
  });

  it("S9: a tie at the quota boundary is not split: none of the tied group gets 优秀", () => {
    const graded = gradeRanked(ten(["98", "95", "93", "93.00"]), quota("0.3"));
    expect(graded.map((g) => [g.subject.code, g.rank, g.grade]).slice(0, 5)).toEqual([
      ["T01", 1, "优秀"],
      ["T02", 2, "优秀"],
      ["T03", 3, "良好"],
      ["T04", 3, "良好"],
      ["T05", 5, "合格"],
    ]);
    expect(graded[2]?.reason).toBe(
      "排名第3/10,与另1名并列,并列2名超出优秀名额(前30.00%,共3名),并列者均不评优秀;得分93.00≥80.00,评为良好",
    );
    expect(graded.filter((g) => g.grade === "优秀")).toHaveLength(2);
  });

  it("S9: a tie that fits the quota entirely all gets 优秀", () => {
    const graded = gradeRanked(ten(["98", "95", "95"]), quota("0.3"));
    expect(graded.map((g) => [g.subject.code, g.rank, g.grade]).slice(0, 4)).toEqual([
      ["T01", 1, "优秀"],
      ["T02", 2, "优秀"],
      ["T03", 2, "优秀"],
      ["T04", 4, "合格"],
    ]);
  });

  it("S9: with a minimum score, a place in the quota is not enough for 优秀", () => {
    const graded = gradeRanked(ten(["98", "89.994", "85"]), quota("0.3", "90"));
    expect(graded.map((g) => g.grade).slice(0, 3)).toEqual(["优秀", "良好", "良好"]);
    expect(graded[1]?.reason).toBe(
      "排名第2/10,位于优秀名额(前30.00%,共3名)之内,但得分89.99<90.00,不评优秀;得分89.99≥80.00,评为良好",
    );
    // 89.995 is published as 90.00 (S8) and reaches the minimum as published.
    expect(gradeRanked(ten(["98", "89.995", "85"]), quota("0.3", "90"))[1]?.grade).toBe("优秀");
  });

  it("S9: the rest of a quota may get a single grade; figures follow the configured rounding", () => {
    const rule: GradingRule = {
      kind: "QUOTA",
      top: { grade: "优秀", maxShare: "0.25", minScore: null },
      otherwise: { kind: "SAME", grade: "合格" },
    };
    const graded = gradeRanked(rank({ A: "9", B: "8", C: "7", D: "6" }), rule, {
      rounding: { places: 1, mode: "HALF_UP" },
    });
    expect(graded.map((g) => [g.subject.code, g.grade, g.reason])).toEqual([
      ["A", "优秀", "排名第1/4,位于优秀名额(前25.0%,共1名)之内,评为优秀"],
      ["B", "合格", "排名第2/4,不在优秀名额(前25.0%,共1名)之内;评为合格"],
      ["C", "合格", "排名第3/4,不在优秀名额(前25.0%,共1名)之内;评为合格"],
      ["D", "合格", "排名第4/4,不在优秀名额(前25.0%,共1名)之内;评为合格"],
    ]);
    expect(gradeRanked(rank({ A: "1" }), { kind: "SAME", grade: "合格" })[0]?.reason).toBe("评为合格");
  });

  it("S9: a rule that would bypass its quota, or is malformed, is rejected naming the field", () => {
    const bad: GradingRule = {
      kind: "QUOTA",
      top: { grade: "优秀", maxShare: "1.5", minScore: "九十" },
      otherwise: {
        kind: "THRESHOLDS",
        grades: [
          { grade: "优秀", minScore: "90" },
          { grade: "良好", minScore: "90.0" },
        ],
        fallback: "",
      },
    };
    const result = validateGradingRule(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      "top.maxShare",
      "top.minScore",
      "otherwise.grades[1].minScore",
      "otherwise.fallback",
      "otherwise",
    ]);
    expect(result.errors.every((e) => e._tag === "INVALID_FIELD")).toBe(true);
    expect(() => gradeRanked(rank({ A: "1" }), bad)).toThrow(/名额限制失效/);
    expect(validateGradingRule(DEFAULT_GRADING)).toEqual({ ok: true, value: DEFAULT_GRADING });
  });

  it("S9: hand-made ranks that are not the competition ranks of the scores are refused", () => {
    const dense: Ranked<Town>[] = [
      { subject: { code: "A" }, score: exact("9"), rank: 1 },
      { subject: { code: "B" }, score: exact("9"), rank: 1 },
      { subject: { code: "C" }, score: exact("8"), rank: 2 },
    ];
    expect(() => gradeRanked(dense, quota("1"))).toThrow(/not the competition rank/);
  });

  it("S9 property: a quota never exceeds floor(share × n), never splits a tie, and fills whole tie groups", () => {
    const scoreArb = fc.integer({ min: 0, max: 40 }).map((k) => exact(60).plus(exact(k)));
    fc.assert(
      fc.property(
        fc.array(scoreArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.constantFrom("0", "80", "90", "95.5"), { nil: null }),
        (scores, percent, minScore) => {
          const rows = scores.map((score, i) => ({
            subject: { code: `T${String(i).padStart(2, "0")}` },
            score,
          }));
          const share = exact(percent).dividedBy(100).toFixed();
          const graded = gradeRanked(rankByScore(rows, byCode), quota(share, minScore));
          const limit = Math.floor((percent * rows.length) / 100);
          const top = graded.filter((g) => g.grade === "优秀");
          expect(top.length).toBeLessThanOrEqual(limit);
          // Equal scores, equal grades; a higher score is never graded below a 优秀.
          for (const g of top) {
            const at = publishedScore(g.score);
            expect(
              graded.filter((o) => publishedScore(o.score).gte(at)).every((o) => o.grade === "优秀"),
            ).toBe(true);
          }
          // Exactly the subjects whose whole tie group fits the quota and who reach the minimum score.
          const reaches = (g: (typeof graded)[number]) =>
            minScore === null || publishedScore(g.score).gte(exact(minScore));
          const fits = (g: (typeof graded)[number]) =>
            graded.filter((o) => publishedScore(o.score).gte(publishedScore(g.score))).length <= limit;
          const expected = graded.filter((g) => reaches(g) && fits(g));
          expect(top.map((g) => g.subject.code)).toEqual(expected.map((g) => g.subject.code));
        },
      ),
      RUNS,
    );
  });
});
