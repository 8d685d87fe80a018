import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timingOf } from "./measure.ts";
import { type BenchResult, judged } from "./result.ts";

// B8: the memory of a province's year. A province-size county's records (1,232 townships, ~6.8
// million records) streamed into PGlite a batch at a time (`savePerformanceRecordStream`), then
// the year assessed as the API does (records tallied by the database), each in a process of its
// own whose peak resident set is held against its target: 2 GB for the import, 1 GB for the
// assessment. The import's process also generates the county and its records (a slice of
// townships at a time): its peak includes the generator's.

export interface B8Options {
  readonly townships: number;
}

const IMPORT_TARGET_MIB = 2048;
const ASSESS_TARGET_MIB = 1024;

interface ChildOutput {
  readonly peakMiB: number;
  readonly ms: number;
  readonly [key: string]: unknown;
}

function runChild(args: readonly string[]): Promise<ChildOutput> {
  const script = join(import.meta.dirname, "b8-child.ts");
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", script, ...args], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`B8: ${args[0]} failed (exit ${code})`));
      else resolve(JSON.parse(line) as ChildOutput);
    }),
  );
}

function memoryResult(
  id: string,
  title: string,
  size: string,
  run: ChildOutput,
  targetMiB: number,
  extra: Record<string, number | string>,
): BenchResult {
  return judged({
    id,
    title,
    size,
    baselineName: `the target itself: ratio = peak RSS ÷ ${targetMiB.toLocaleString("en")} MiB`,
    engine: timingOf([run.ms]),
    baseline: timingOf([run.ms]),
    ratio: run.peakMiB / targetMiB,
    target: { op: "<=", value: 1 },
    items: typeof run.records === "number" ? run.records : 0,
    unit: "records",
    memory: { rssMiB: run.peakMiB, heapUsedMiB: 0 },
    extra: { peakRssMiB: run.peakMiB, ...extra },
  });
}

/** Runs B8: a province's records streamed into PGlite, then its year assessed; peak memory of each. */
export async function runB8(options: B8Options, log: (line: string) => void): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "dutylist-b8-"));
  try {
    const dataDir = join(dir, "pglite");
    log(`B8: ${options.townships} townships' year streamed into PGlite`);
    const imported = await runChild(["import", dataDir, String(options.townships)]);
    const records = Number(imported.records);
    const size = `${records.toLocaleString("en")} records, ${options.townships} townships, PGlite on disk`;
    log(`B8: ${records.toLocaleString("en")} records in ${(imported.ms / 1000).toFixed(1)} s; assessing`);
    const assessed = await runChild(["assess", dataDir, String(imported.countyCode)]);
    return [
      memoryResult(
        "B8-import",
        "peak memory of a province's records streamed in (savePerformanceRecordStream)",
        size,
        imported,
        IMPORT_TARGET_MIB,
        {
          recordsPerSecond: Math.round(records / (imported.ms / 1000)),
          rssBeforeStreamMiB: Number(imported.rssBeforeMiB),
          peakBeforeStreamMiB: Number(imported.peakBeforeMiB),
        },
      ),
      memoryResult(
        "B8-assess",
        "peak memory of a province's year assessed as the API does (tallies in the database)",
        size,
        { ...assessed, records },
        ASSESS_TARGET_MIB,
        {
          assessMs: Math.round(assessed.ms),
        },
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
