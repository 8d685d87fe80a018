import { spawn } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timingOf } from "./measure.ts";
import { type BenchResult, judged } from "./result.ts";

// B7: the memory a bad input costs. The largest files of the bad-input corpus (one cell in column
// XFD on 60,000 rows; a workbook of a million rows and four million issues) go through the real
// `dutylist import` in a process of their own, into a PGlite directory holding the demo county,
// and that process's peak resident set is held against the 1 GB target.

/** Sizes of B7. */
export interface B7Options {
  /** Rows of the many-issues workbook (999,000 in a full run: 10.8 MB, 4 million issues). */
  readonly manyIssueRows: number;
}

const CLI = join(import.meta.dirname, "..", "..", "apps", "cli");
const TARGET_MIB = 1024;
// Printed by the child at exit: the peak resident set it had, in KiB.
const PEAK_PRELOAD = `process.on("exit", () => process.stderr.write("\\nPEAK_RSS_KIB=" + process.resourceUsage().maxRSS + "\\n"));\n`;

interface ChildRun {
  readonly code: number;
  readonly stderr: string;
  readonly ms: number;
  readonly peakMiB: number | null;
}

/** Runs a TypeScript entry of the CLI package in a process of its own, without DATABASE_URL. */
function runChild(args: readonly string[], preload: string | null): Promise<ChildRun> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const flags = ["--import", "tsx", ...(preload === null ? [] : ["--import", preload])];
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, ...args], {
    cwd: CLI,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      const peak = /PEAK_RSS_KIB=(\d+)/.exec(stderr);
      resolve({
        code: code ?? 1,
        stderr,
        ms: performance.now() - started,
        peakMiB: peak === null ? null : Math.round(Number(peak[1]) / 1024),
      });
    }),
  );
}

async function mustRun(args: readonly string[]): Promise<void> {
  const run = await runChild(args, null);
  if (run.code !== 0)
    throw new Error(`B7: ${args.join(" ")} failed (${run.code}): ${run.stderr.slice(-2000)}`);
}

/** Runs B7: peak memory of importing the largest bad inputs. */
export async function runB7(options: B7Options, log: (line: string) => void): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "dutylist-b6-"));
  try {
    const dataDir = join(dir, "data");
    const preload = join(dir, "peak-rss.mjs");
    await writeFile(preload, PEAK_PRELOAD);
    // A database as a clerk has it: the demo county stored (creating the directory costs more
    // memory than any import, and is not what is measured).
    await mustRun(["src/main.ts", "sample", "--out", join(dir, "sample.xlsx")]);
    await mustRun(["src/main.ts", "import", join(dir, "sample.xlsx"), "--data-dir", dataDir]);
    await mustRun([
      "test/bad-inputs/make-corpus.ts",
      "--large",
      dir,
      "--rows",
      String(options.manyIssueRows),
    ]);
    const inputs = [
      {
        id: "B7-xfd",
        file: "xfd-60000-rows.xlsx",
        size: "one cell in column XFD on 60,000 rows",
        rows: 60_000,
      },
      {
        id: "B7-issues",
        file: "many-issues.xlsx",
        size: `${options.manyIssueRows.toLocaleString("en-US")} rows, 4 issues each`,
        rows: options.manyIssueRows,
      },
    ];
    const results: BenchResult[] = [];
    for (const input of inputs) {
      const path = join(dir, input.file);
      const bytes = (await stat(path)).size;
      const run = await runChild(
        ["src/main.ts", "import", path, "--data-dir", dataDir, "--county", "QX"],
        preload,
      );
      const peak = run.peakMiB ?? Number.NaN;
      log(`${input.id}: exit ${run.code}, peak rss ${peak} MiB, ${(run.ms / 1000).toFixed(1)} s`);
      const timing = timingOf([run.ms]);
      const result = judged({
        id: input.id,
        title: "bad input: peak memory of `dutylist import`",
        size: `${input.size} (${(bytes / 1048576).toFixed(1)} MB)`,
        baselineName: `the target: peak RSS ${TARGET_MIB} MiB (ratio = peak ÷ target)`,
        engine: timing,
        baseline: timing,
        ratio: peak / TARGET_MIB,
        target: { op: "<=", value: 1 },
        items: input.rows,
        unit: "rows",
        extra: { exitCode: run.code, peakRssMiB: peak, targetMiB: TARGET_MIB },
        notes:
          run.code === 1
            ? ["refused with exit 1, as it should be"]
            : [`unexpected exit ${run.code}: ${run.stderr.slice(-500)}`],
      });
      // A bad input that is not refused misses, whatever its memory.
      results.push({ ...result, pass: result.pass === true && run.code === 1 });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
