import {
  type CountyDataset,
  type Determination,
  determineResponsibility,
  entryInForce,
  type FailureCase,
  type Findings,
  type IsoDate,
  prepareDeterminations,
} from "@dutylist/core";
import { generateCounty } from "@dutylist/core/testing";
import { seededRandom, timePair } from "./measure.ts";
import { type BenchResult, judged, timeRatio } from "./result.ts";

/** Sizes of B1. */
export interface B1Options {
  readonly townships: number;
  readonly determinations: number;
  readonly rounds: number;
}

// What inspectors establish, in the proportions of the demo's cases: most questions carry a
// finding of fault, some a push-down or a refusal, a few name other departments.
const FINDINGS: readonly Findings[] = [
  { townshipAtFault: true, withinCooperationContent: true },
  { townshipAtFault: true },
  {},
  { townshipAtFault: true, withinCooperationContent: false, guaranteesDelivered: false },
  { townshipRefusedCooperation: true },
  { receivingDepartmentTookOver: false, territorialClaim: true },
];

/**
 * The dataset as the engine meets it in service: loaded from storage (plain objects, flat
 * strings). A JSON round trip stands in for the store here — the generator's strings are built by
 * concatenation, which V8 keeps as rope strings, and reading those costs more than reading what a
 * database driver returns.
 */
export function asLoaded(dataset: CountyDataset): CountyDataset {
  return JSON.parse(JSON.stringify(dataset)) as CountyDataset;
}

/** Questions about random entries of the dataset, on random days of 2025; seeded. */
function questions(
  dataset: CountyDataset,
  count: number,
  departments: readonly string[],
  seed: number,
): FailureCase[] {
  const random = seededRandom(seed);
  const out: FailureCase[] = [];
  for (let n = 0; n < count; n++) {
    const entry = dataset.entries[Math.floor(random() * dataset.entries.length)];
    if (entry === undefined) continue;
    const day = Math.floor(random() * 365);
    const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10) as IsoDate;
    const base = FINDINGS[n % FINDINGS.length] ?? {};
    const other = departments[Math.floor(random() * departments.length)];
    const findings: Findings =
      n % 10 === 9 && other !== undefined ? { ...base, otherDepartments: [other] } : base;
    out.push({
      townshipCode: entry.townshipCode,
      date,
      subject: { kind: "ITEM", itemCode: entry.itemCode },
      findings,
    });
  }
  return out;
}

/**
 * Reads the whole of a determination, as a caller that stores or shows it does: its id, list
 * type and summary, and for every party its role, reason, explanation and citations, each text
 * read through to its last character. Nothing the engine builds can be skipped or left lazy
 * without this reading it.
 */
export function consume(determination: Determination): number {
  let n = text(determination.decisionId) + text(determination.listType) + text(determination.summary);
  for (const party of determination.parties) {
    n += text(party.party.name) + text(party.role) + text(party.explanation);
    if (party.reason !== null) n += text(party.reason);
    for (const id of party.ruleIds) n += id.length;
    for (const factor of party.factors) n += text(factor.description);
    for (const citation of party.citations) {
      n +=
        text(citation.itemCode) + text(citation.itemName) + text(citation.listType) + text(citation.sourceId);
      n += citation.listVersion.number;
      for (const basis of citation.basis) n += text(basis.document);
    }
  }
  for (const violation of determination.violations) n += text(violation.message);
  return n;
}

/** The text's length and its last character: reading it through flattens a lazily built string. */
function text(value: string): number {
  return value.length === 0 ? 0 : value.length + value.charCodeAt(value.length - 1);
}

/**
 * B1: determinations over a province-size dataset vs only looking up the entry in force for the
 * same (township, item, date). The engine's results are consumed whole (`consume`: id, list
 * type, every party's role, reason, explanation and citations), so nothing is optimised away.
 */
export async function runB1(options: B1Options, log: (line: string) => void): Promise<BenchResult[]> {
  log(`B1: generating ${options.townships} townships`);
  const dataset = asLoaded(generateCounty({ townships: options.townships, seed: 7 }));
  const context = prepareDeterminations(dataset);
  const departments = dataset.departments.map((d) => d.code);
  // Fresh questions every round (a new seeded set each, the same set for baseline and engine in
  // a round): what an inspector asks is rarely what was just asked, so no outcome cache hits by
  // construction. The first set is the cold pass; the repeated variant is reported apart.
  const sets = Array.from({ length: options.rounds + 2 }, (_, i) =>
    questions(dataset, options.determinations, departments, 20251 + i),
  );
  let sink = 0;
  const lookups = (asked: readonly FailureCase[]) => {
    for (const q of asked) {
      const subject = q.subject;
      if (subject.kind !== "ITEM") continue;
      if (entryInForce(context.index, q.townshipCode, subject.itemCode, q.date) !== null) sink++;
    }
  };
  const determinations = (asked: readonly FailureCase[]) => {
    for (const q of asked) {
      const result = determineResponsibility(context, q);
      if (!result.ok) throw new Error(`B1: ${result.errors[0].message}`);
      sink += consume(result.value);
    }
  };
  const first = sets[0] ?? [];
  // The first pass over the questions, alone: nothing warmed up yet.
  const started = performance.now();
  determinations(first);
  const coldMs = performance.now() - started;
  log(`B1: ${first.length} fresh questions a round, timing`);
  let baselineRound = 1;
  let engineRound = 1;
  const fresh = await timePair(
    () => lookups(sets[baselineRound++ % sets.length] ?? []),
    () => determinations(sets[engineRound++ % sets.length] ?? []),
    { warmup: 1, rounds: options.rounds },
  );
  log("B1: the same questions every round, timing");
  const repeated = await timePair(
    () => lookups(first),
    () => determinations(first),
    { warmup: 1, rounds: options.rounds },
  );
  if (sink === 0) log("B1: nothing consumed");
  return b1Results(dataset, first.length, fresh, repeated, coldMs);
}

type Timed = Awaited<ReturnType<typeof timePair>>;

/** B1's two results: fresh questions (judged) and repeated ones (shown beside). */
function b1Results(
  dataset: CountyDataset,
  count: number,
  fresh: Timed,
  repeated: Timed,
  coldMs: number,
): BenchResult[] {
  const perDetermination = (ms: number) => (ms * 1000) / count;
  const size = `${count.toLocaleString("en")} determinations, ${dataset.townships.length.toLocaleString("en")} townships, ${dataset.entries.length.toLocaleString("en")} entries`;
  const notes = [
    "each determination is read whole: id, list type, summary, and every party's role, reason, explanation text and citations",
    "the dataset is JSON round-tripped: plain objects and flat strings, as loaded from storage",
  ];
  return [
    judged({
      id: "B1",
      title: "core determinations, fresh questions each round",
      size,
      baselineName: "entryInForce for the same (township, item, date)",
      engine: fresh.engine,
      baseline: fresh.baseline,
      ratio: timeRatio(fresh.engine, fresh.baseline),
      target: { op: "<=", value: 3 },
      items: count,
      unit: "determinations",
      extra: {
        engineMicrosPerDetermination: perDetermination(fresh.engine.medianMs),
        baselineMicrosPerLookup: perDetermination(fresh.baseline.medianMs),
        firstPassMicrosPerDetermination: perDetermination(coldMs),
      },
      notes: [...notes, "a new seeded set of questions every round (no repeated question)"],
    }),
    judged({
      id: "B1-repeated",
      title: "core determinations, the same questions every round",
      size,
      baselineName: "entryInForce for the same (township, item, date)",
      engine: repeated.engine,
      baseline: repeated.baseline,
      ratio: timeRatio(repeated.engine, repeated.baseline),
      target: null,
      items: count,
      unit: "determinations",
      extra: {
        engineMicrosPerDetermination: perDetermination(repeated.engine.medianMs),
        baselineMicrosPerLookup: perDetermination(repeated.baseline.medianMs),
      },
      notes: [
        ...notes,
        "repeated questions: the determination context's caches hit; shown beside, not judged",
      ],
    }),
  ];
}
