import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Findings } from "../responsibility/failure-case.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import { smallCounty } from "../testing/arbitraries.ts";
import { anyScenario } from "../testing/scenario-arbitraries.ts";
import { type DeterminationContext, prepareDeterminations } from "./determination-context.ts";
import { FINDING_KEY_PARTS } from "./outcome-key.ts";

describe("what a context keeps between determinations", () => {
  it("A1–A11: a context that has answered other questions (outcome templates kept per terms and findings, shared by entries and townships) answers each as a fresh context does", () => {
    fc.assert(
      fc.property(
        fc.array(anyScenario({ falsification: "ANY" }), { minLength: 2, maxLength: 5 }),
        (scenarios) => {
          // Each question also asked with the other scenarios' findings, with each of its yes/no
          // findings unset, false and true in turn, with departments named, on the next
          // scenario's date and on the days adjustments took effect: an entry meets the same
          // findings on other dates and list versions, and findings one answer or one department
          // apart on one date.
          const questions = scenarios.flatMap((s, n) => {
            const findings: Findings[] = scenarios.map((other) => other.failure.findings);
            for (const [field, part] of Object.entries(FINDING_KEY_PARTS))
              if (typeof part === "number")
                for (const value of [undefined, false, true])
                  findings.push({ ...s.failure.findings, [field]: value });
            const departments = smallCounty(s.seed)
              .dataset.departments.map((d) => d.code)
              .sort();
            for (const named of [departments.slice(0, 1), departments.slice(1, 3)])
              findings.push({ ...s.failure.findings, otherDepartments: named });
            const dates = [
              s.failure.date,
              scenarios[(n + 1) % scenarios.length]?.failure.date ?? s.failure.date,
            ];
            // The question itself also on every day an adjustment took effect.
            const adjusted = smallCounty(s.seed).dataset.adjustments.flatMap((a) =>
              a.publication === null ? [] : [a.publication.effectiveFrom],
            );
            return [
              ...dates.flatMap((date) =>
                findings.map((f) => ({ seed: s.seed, failure: { ...s.failure, date, findings: f } })),
              ),
              ...adjusted.map((date) => ({ seed: s.seed, failure: { ...s.failure, date } })),
            ];
          });
          const kept = new Map<number, DeterminationContext>();
          for (const round of [0, 1]) {
            for (const { seed, failure } of questions) {
              const { dataset } = smallCounty(seed);
              let warm = kept.get(seed);
              if (warm === undefined) {
                warm = prepareDeterminations(dataset);
                kept.set(seed, warm);
              }
              const fresh = determineResponsibility(prepareDeterminations(dataset), failure);
              expect(determineResponsibility(warm, failure), `round ${round}`).toEqual(fresh);
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
