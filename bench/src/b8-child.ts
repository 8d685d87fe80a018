// B8's processes: each runs alone, so that its peak resident set is its own. Usage:
//   b8-child.ts import <PGlite dir> <townships>   the county's lists stored, then its year of
//                                                 records streamed in, a batch at a time
//   b8-child.ts assess <PGlite dir> <county code>  the year assessed as the API does (tallies)
// Prints one line of JSON at the end: { peakMiB, ms, … }.
import type { PerformanceRecord } from "@dutylist/core";
import { isoDate } from "@dutylist/core";
import {
  generateCounty,
  generateRecords,
  inServiceOrder,
  syntheticPlan,
  withMidYearHistory,
} from "@dutylist/core/testing";
import {
  openDatabase,
  saveAssessmentPlan,
  saveCountyDataset,
  savePerformanceRecordStream,
} from "@dutylist/store";
import { engineAssessment } from "./b6-analyst-sql.ts";
import { benchStamp } from "./bench-stamp.ts";

const BATCH = 20_000;
// Townships whose records are generated at once: the generator's own memory stays that of a county.
const SLICE = 16;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * The year's records of a province-size county, generated a slice of townships at a time and
 * handed over in batches, in service order within each slice (a feed delivers a county's
 * townships one after another): never more than a slice's records in memory.
 */
async function* provinceRecords(
  dataset: ReturnType<typeof generateCounty>,
  plan: ReturnType<typeof syntheticPlan>,
  seed: number,
): AsyncGenerator<readonly PerformanceRecord[]> {
  for (let i = 0; i < dataset.townships.length; i += SLICE) {
    const codes = new Set(dataset.townships.slice(i, i + SLICE).map((t) => t.code));
    const part = {
      ...dataset,
      townships: dataset.townships.filter((t) => codes.has(t.code)),
      entries: dataset.entries.filter((e) => codes.has(e.townshipCode)),
    };
    const generated = generateRecords(plan, part, { seed: seed + i, perItem: 12 });
    const records = inServiceOrder(generated, seed + i + 1).performance.map((r) => ({
      ...r,
      id: `${r.id}-S${String(i / SLICE).padStart(3, "0")}`,
    }));
    for (let j = 0; j < records.length; j += BATCH) yield records.slice(j, j + BATCH);
  }
}

async function importProvince(dataDir: string, townships: number) {
  const dataset = withMidYearHistory(generateCounty({ townships, seed: 800 }), {
    seed: 801,
    from: isoDate("2025-01-01"),
  });
  const plan = syntheticPlan(dataset, 2025);
  const db = await openDatabase({ kind: "PGLITE", dataDir });
  try {
    const code = dataset.county.code;
    await saveCountyDataset(db, dataset, benchStamp("b8:county", { countyCode: code }));
    const saved = await saveAssessmentPlan(db, plan, benchStamp("b8:plan", { planId: plan.id }));
    if (!saved.ok) throw new Error(`B8: ${saved.errors[0].message}`);
    const before = { rssMiB: mib(process.memoryUsage().rss), peakMiB: peakMiB() };
    const started = performance.now();
    const written = await savePerformanceRecordStream(
      db,
      code,
      provinceRecords(dataset, plan, 802),
      benchStamp("b8:records", { countyCode: code }),
    );
    if (!written.ok) throw new Error(`B8: ${written.errors[0].message}`);
    return {
      countyCode: code,
      records: written.value.performance,
      ms: performance.now() - started,
      rssBeforeMiB: before.rssMiB,
      peakBeforeMiB: before.peakMiB,
    };
  } finally {
    await db.close();
  }
}

async function assessProvince(dataDir: string, countyCode: string) {
  const db = await openDatabase({ kind: "PGLITE", dataDir });
  try {
    const started = performance.now();
    const totals = await engineAssessment(db, countyCode, null);
    return { townships: totals.size, ms: performance.now() - started };
  } finally {
    await db.close();
  }
}

const [mode, dataDir, arg] = process.argv.slice(2);
if (dataDir === undefined || arg === undefined || (mode !== "import" && mode !== "assess"))
  throw new Error("usage: b8-child.ts import <dir> <townships> | assess <dir> <county>");
const result =
  mode === "import" ? await importProvince(dataDir, Number(arg)) : await assessProvince(dataDir, arg);
process.stdout.write(`${JSON.stringify({ ...result, peakMiB: peakMiB() })}\n`);
process.exit(0);
