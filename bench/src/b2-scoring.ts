import {
  type AssessmentPlan,
  type AssessmentRecords,
  buildListIndex,
  type CountyDataset,
  isoDate,
  type ScoredYear,
  scoreAssessment,
} from "@dutylist/core";
import {
  generateCounty,
  generateRecords,
  inServiceOrder,
  syntheticPlan,
  withMidYearHistory,
} from "@dutylist/core/testing";
import { collectGarbage, mib, timePair } from "./measure.ts";
import { type BenchResult, judged, type ScalingSeries, scalingSeries, timeRatio } from "./result.ts";

/** Sizes of B2: townships at 1× (4× and 16× follow). */
export interface B2Options {
  readonly baseTownships: number;
  /** Timed rounds at least. */
  readonly rounds: number;
  /** Engine time to measure at least per size, in ms (default 2,000; 0 for one round): more rounds when small. */
  readonly minMeasuredMs?: number;
}

/** A generated county with its plan and a year of records (~12 per item per subject). */
export interface ScoredCounty {
  readonly dataset: CountyDataset;
  readonly plan: AssessmentPlan;
  readonly records: AssessmentRecords;
}

/**
 * A county of `townships` with a year of list history (`withMidYearHistory`), its 2025 plan and
 * records (`perItem` per item, default 12), the
 * records in service order (`inServiceOrder`); seeded.
 */
export function scoredCounty(townships: number, seed: number, perItem = 12): ScoredCounty {
  // Lists with a year of history: entries reclassified and amended on days of the year (S7 judges
  // each record on the entry of its date), made without the workflow (fast at province size).
  const dataset = withMidYearHistory(generateCounty({ townships, seed }), {
    seed: seed + 3,
    from: isoDate("2025-01-01"),
  });
  const plan = syntheticPlan(dataset, 2025);
  const records = generateRecords(plan, dataset, { seed: seed + 1, perItem });
  return { dataset, plan, records: inServiceOrder(records, seed + 2) };
}

/**
 * Reads a scored year whole, as the API and the exports do: every subject's totals, every
 * indicator's score and working, every record behind a score and every excluded record. Nothing
 * the engine builds lazily can be skipped.
 */
export function consumeScored(scored: ScoredYear): number {
  let n = 0;
  const indicators = (list: ScoredYear["townships"][number]["indicators"]) => {
    for (const result of list) {
      n += result.score.toString().length + result.working.length;
      for (const included of result.records) n += included.record.id.length;
    }
  };
  for (const t of scored.townships) {
    n += t.total.toString().length + t.excluded.length;
    indicators(t.indicators);
  }
  for (const d of scored.departments) {
    n += d.total.toString().length + d.excluded.length + d.excludedExecution.length;
    indicators(d.indicators);
  }
  for (const excluded of scored.excluded) n += excluded.message.length;
  return n;
}

/** The floor: one plain loop over the same records, summing their values as numbers. */
export function sumValues(records: AssessmentRecords): number {
  let sum = 0;
  for (const record of records.performance) {
    const value = record.value;
    switch (value.kind) {
      case "RATIO":
        sum += Number(value.achieved) + Number(value.target);
        break;
      case "DEDUCTION":
        sum += value.events;
        break;
      case "GRADED":
        sum += Number(value.score);
        break;
      case "PASS_FAIL":
        sum += value.passed ? 1 : 0;
        break;
    }
  }
  return sum;
}

/**
 * B2: scoring a year at 1×, 4× and 16× (16× is the province: 1,237 townships when the base is
 * 77) vs summing the same records' values in one plain loop. The largest size is the B2 figure;
 * all three make the scaling series.
 */
export async function runB2(
  options: B2Options,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; scaling: ScalingSeries }> {
  const results: BenchResult[] = [];
  const points: { scale: number; items: number; ms: number }[] = [];
  for (const scale of [1, 4, 16]) {
    const townships = options.baseTownships * scale;
    log(`B2 ${scale}×: generating ${townships} townships and their year`);
    collectGarbage();
    const county = scoredCounty(townships, 11);
    const count = county.records.performance.length;
    log(`B2 ${scale}×: ${count.toLocaleString("en")} records, timing`);
    let sink = 0;
    let rss = process.memoryUsage().rss;
    let heap = 0;
    const timed = await timePair(
      () => {
        sink += sumValues(county.records);
      },
      () => {
        // The list index is built inside the timer: a request that scores builds it too.
        const index = buildListIndex(county.dataset.entries);
        const scored = scoreAssessment(county.plan, county.dataset, county.records, { index });
        sink += consumeScored(scored);
        const usage = process.memoryUsage();
        rss = Math.max(rss, usage.rss);
        heap = Math.max(heap, usage.heapUsed);
      },
      // At least 2 s of engine time per size: the 1× workload is a few hundred ms, and three
      // rounds of it gave a noisy median. A smoke run (one round, `--quick`) measures nothing.
      {
        warmup: 2,
        rounds: options.rounds,
        minMeasuredMs: options.minMeasuredMs ?? (options.rounds > 1 ? 2000 : 0),
      },
    );
    if (sink === 0) log("B2: nothing consumed");
    points.push({ scale, items: count, ms: timed.engine.medianMs });
    const ratio = timeRatio(timed.engine, timed.baseline);
    results.push(
      judged({
        id: scale === 16 ? "B2" : `B2-${scale}x`,
        title: scale === 16 ? "core scoring of a province's year" : `core scoring, ${scale}× data`,
        size: `${count.toLocaleString("en")} records, ${townships.toLocaleString("en")} townships`,
        baselineName: "one loop summing the same records' values",
        engine: timed.engine,
        baseline: timed.baseline,
        ratio,
        target: scale === 16 ? { op: "<=", value: 3 } : null,
        items: count,
        unit: "records",
        memory: { rssMiB: mib(rss), heapUsedMiB: mib(heap) },
        extra: {
          engineRecordsPerSecond: Math.round(count / (timed.engine.medianMs / 1000)),
          baselineRecordsPerSecond: Math.round(count / (timed.baseline.medianMs / 1000)),
          engineNsPerRecord: (timed.engine.medianMs * 1e6) / count,
        },
      }),
    );
  }
  return { results, scaling: scalingSeries("B2 scoring", points) };
}
