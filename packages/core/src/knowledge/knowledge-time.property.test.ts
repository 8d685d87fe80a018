import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type IsoDate } from "../base/calendar-date.ts";
import type { Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import { closeTemporaryTask, registerTemporaryTask } from "../ledger/task-registration.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { listsAsOf } from "../lists/lists-as-of.ts";
import type { Determination } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import { adjustmentPlanArb, publishPlan } from "../testing/adjustment-arbitraries.ts";
import { dateIn, type SmallCounty, smallCounty, YEAR } from "../testing/arbitraries.ts";
import { anyScenario } from "../testing/scenario-arbitraries.ts";
import { datasetAsKnownOn, latestRecording } from "./dataset-as-known-on.ts";

const RUNS = { numRuns: 60 } as const;

function unwrap<T>(result: Result<T, { readonly message: string }>): T {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value;
}

function determine(dataset: CountyDataset, failure: FailureCase, knownOn?: IsoDate): Determination {
  return unwrap(answer(dataset, failure, knownOn));
}

/** The answer, or the refusal (a question naming a task not yet registered as known on K is refused alike). */
function answer(dataset: CountyDataset, failure: FailureCase, knownOn?: IsoDate) {
  const context = prepareDeterminations(dataset, knownOn === undefined ? {} : { knownOn });
  return determineResponsibility(context, failure);
}

/** A change recorded after `knownOn`: an adjustment, a task registration or a task closing. */
type LateChange =
  | { readonly kind: "ADJUSTMENT"; readonly apply: (county: SmallCounty) => CountyDataset | null }
  | { readonly kind: "TASK"; readonly apply: (county: SmallCounty) => CountyDataset | null };

function lateChangeArb(
  county: SmallCounty,
  failure: FailureCase,
  knownOn: IsoDate,
): fc.Arbitrary<LateChange> {
  const adjustment = adjustmentPlanArb(county, knownOn).map(
    (plan): LateChange => ({
      kind: "ADJUSTMENT",
      apply: ({ dataset }) => {
        if (plan.publishedOn <= knownOn) return null;
        const published = publishPlan(dataset, plan);
        return published.ok ? published.value.dataset : null;
      },
    }),
  );
  // Registered (and entered) after K, dated from before K: the start is backdated.
  const registration = fc
    .tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 0, max: 90 }),
      fc.constantFrom(...county.departmentCodes),
    )
    .map(
      ([after, before, department]): LateChange => ({
        kind: "TASK",
        apply: ({ dataset }) => {
          const registeredOn = addDays(knownOn, after);
          const startsOn = addDays(knownOn, -before);
          const registered = registerTemporaryTask(dataset, {
            id: "LATE-TASK",
            decision: {
              authority: "COUNTY_GOVERNMENT",
              documentNo: "县政办〔2025〕1号",
              title: "补登记",
              decidedOn: startsOn,
            },
            requestingDepartment: department,
            townshipCodes: [failure.townshipCode],
            content: failure.subject.kind === "MATTER" ? failure.subject.description : "临时排查",
            townshipRole: "ASSIST",
            startsOn,
            plannedEndOn: addDays(startsOn, 120),
            registeredOn,
            recordedOn: registeredOn,
          });
          return registered.ok ? registered.value.dataset : null;
        },
      }),
    );
  // An open task closed by an entry made after K, its closing dated on or before the entry.
  const closing = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 120 })).map(
    ([pick, after, back]): LateChange => ({
      kind: "TASK",
      apply: ({ dataset }) => {
        const open = dataset.temporaryTasks.filter((t) => t.closedOn === null);
        const task = open[pick % Math.max(open.length, 1)];
        if (task === undefined) return null;
        const recordedOn = addDays(knownOn, after);
        const closedOn = addDays(recordedOn, -back);
        const closed = closeTemporaryTask(dataset, task.id, closedOn, "补录销号", recordedOn);
        return closed.ok ? closed.value.dataset : null;
      },
    }),
  );
  return fc.oneof(adjustment, registration, closing);
}

const question = anyScenario({ falsification: "ANY" }).chain((scenario) =>
  dateIn(YEAR.from, YEAR.to).chain((knownOn) => {
    const county = smallCounty(scenario.seed);
    return lateChangeArb(county, scenario.failure, knownOn).map((change) => ({
      scenario,
      county,
      knownOn,
      change,
    }));
  }),
);

describe("L2 knowledge time: properties", () => {
  it("L2: a change recorded after K never changes a determination or the lists as known on K", () => {
    fc.assert(
      fc.property(question, ({ scenario, knownOn, change }) => {
        const county = smallCounty(scenario.seed);
        const changed = change.apply(county);
        fc.pre(changed !== null);
        if (changed === null) return;
        const { failure } = scenario;
        expect(answer(changed, failure, knownOn)).toEqual(answer(county.dataset, failure, knownOn));
        const before = listsAsOf(
          buildListIndex(datasetAsKnownOn(county.dataset, knownOn).entries),
          failure.townshipCode,
          failure.date,
        );
        const after = listsAsOf(
          buildListIndex(datasetAsKnownOn(changed, knownOn).entries),
          failure.townshipCode,
          failure.date,
        );
        expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  it("L5: registering a task late never changes a determination for a date before the registration, even when the case names it", () => {
    const registration = question.filter(({ change }) => change.kind === "TASK");
    fc.assert(
      fc.property(registration, ({ scenario, change }) => {
        const county = smallCounty(scenario.seed);
        const changed = change.apply(county);
        const task = changed?.temporaryTasks.find((t) => t.id === "LATE-TASK");
        fc.pre(changed !== null && task !== undefined && scenario.failure.date < task.registeredOn);
        if (changed === null) return;
        const { temporaryTaskId: _named, ...findings } = scenario.failure.findings;
        const unnamed = { ...scenario.failure, findings };
        const named = { ...unnamed, findings: { ...findings, temporaryTaskId: "LATE-TASK" } };
        const before = determine(county.dataset, unnamed);
        expect(determine(changed, unnamed)).toEqual(before);
        const naming = determine(changed, named);
        expect(naming.listType).toBe(before.listType);
        expect(naming.temporaryTask).toBeNull();
        // Naming the task adds its department to the case; the township's role does not move.
        const township = (d: Determination) => d.parties.find((p) => p.party.kind === "TOWNSHIP");
        expect([township(naming)?.role, township(naming)?.factors]).toEqual([
          township(before)?.role,
          township(before)?.factors,
        ]);
        expect(naming.violations).toEqual(before.violations);
      }),
      RUNS,
    );
  });

  it("L2: decision ids stay stable — the same question, as known today or without a knowledge date, gets the same id", () => {
    fc.assert(
      fc.property(anyScenario({ falsification: "ANY" }), (scenario) => {
        const { dataset } = smallCounty(scenario.seed);
        const latest = latestRecording(dataset) ?? YEAR.to;
        const plain = determine(dataset, scenario.failure);
        const known = determine(dataset, scenario.failure, addDays(latest, 30));
        expect(known.decisionId).toBe(plain.decisionId);
        expect({ ...known, knownOn: null }).toEqual(plain);
      }),
      RUNS,
    );
  });
});
