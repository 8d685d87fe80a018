import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runB1 } from "./b1-determinations.ts";
import { runB2 } from "./b2-scoring.ts";
import { runB3 } from "./b3-end-to-end.ts";
import { runB4 } from "./b4-api.ts";
import { runB5 } from "./b5-import.ts";
import { runB6 } from "./b6-analyst-sql.ts";
import { runB7 } from "./b7-bad-input.ts";
import { runB8 } from "./b8-province-records.ts";
import { runB9 } from "./b9-hotline.ts";
import { machine, mib } from "./measure.ts";
import { renderMarkdown, renderTable } from "./report.ts";
import type { BenchProcess, BenchResult, RunReport, ScalingSeries, Skipped } from "./result.ts";

/** The sizes of a run: the full one, and `--quick` (seconds, for the smoke test). */
export const SIZES = {
  full: {
    b1: { townships: 1237, determinations: 100_000, rounds: 5 },
    b2: { baseTownships: 77, rounds: 3 },
    b3: { baseTownships: 6, perItem: 12, rounds: 2, minMeasuredMs: 4_000 },
    b4: { townships: 20, seconds: 10, warmupSeconds: 3, connections: 16 },
    b5: { townships: 1237, rounds: 1, warmup: 0 },
    b6: { townships: [20, 96, 308], perItem: 12, rounds: 3 },
    b7: { manyIssueRows: 999_000 },
    b8: { townships: 1232 },
    b9: { counties: 95, townships: 3, latencyOrders: 2_000, monthOrders: 50_000 },
  },
  quick: {
    b1: { townships: 2, determinations: 1_000, rounds: 1 },
    b2: { baseTownships: 1, rounds: 1 },
    b3: { baseTownships: 1, perItem: 1, rounds: 1, minMeasuredMs: 0 },
    b4: { townships: 1, seconds: 1, warmupSeconds: 0.5, connections: 4 },
    b5: { townships: 1, rounds: 1, warmup: 0 },
    b6: { townships: [1, 2], perItem: 1, rounds: 1 },
    b7: { manyIssueRows: 5_000 },
    b8: { townships: 4 },
    b9: { counties: 2, townships: 2, latencyOrders: 100, monthOrders: 300 },
  },
} as const;

const ALL = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9"] as const;
type BenchId = (typeof ALL)[number];

/** The JSON a run writes. */
/** The part of a report one benchmark produces (what a child process hands back). */
interface BenchPart {
  readonly results: BenchResult[];
  readonly scaling: ScalingSeries[];
  readonly skipped: Skipped[];
  readonly process: BenchProcess;
}

interface Flags {
  readonly only: readonly BenchId[];
  readonly quick: boolean;
  readonly out: string;
  /** `--no-postgres`: PGlite only, even when DATABASE_URL is set. */
  readonly postgres: boolean;
  /** `--in-process`: every benchmark in this process (peak memory then covers them all). */
  readonly inProcess: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  let only: BenchId[] = [...ALL];
  let quick = false;
  let postgres = true;
  let inProcess = false;
  let out = join(import.meta.dirname, "..", "results");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--no-postgres") postgres = false;
    else if (arg === "--in-process") inProcess = true;
    else if (arg === "--only" || arg === "--out") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === "--out") out = value;
      else {
        const ids = value.split(",").map((id) => id.trim().toUpperCase());
        const unknown = ids.filter((id) => !(ALL as readonly string[]).includes(id));
        if (unknown.length > 0)
          throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${ALL.join(", ")})`);
        only = ALL.filter((id) => ids.includes(id));
      }
    } else if (arg !== "--")
      throw new Error(
        `unknown argument ${arg}; use --only B1,B2 | --quick | --no-postgres | --in-process | --out DIR`,
      );
  }
  return { only, quick, out, postgres, inProcess };
}

type Sizes = (typeof SIZES)[keyof typeof SIZES];

/** Node's flags for a benchmark's process: those of `pnpm bench` (package.json), whoever starts it. */
const CHILD_FLAGS = ["--max-old-space-size=16384", "--expose-gc", "--import", "tsx"];

/** Runs one benchmark in this process. */
async function runOne(
  id: BenchId,
  sizes: Sizes,
  postgres: string | null,
  log: (line: string) => void,
): Promise<BenchPart> {
  const begun = performance.now();
  const part: Omit<BenchPart, "process"> = { results: [], scaling: [], skipped: [] };
  switch (id) {
    case "B1":
      part.results.push(...(await runB1(sizes.b1, log)));
      break;
    case "B2": {
      const b2 = await runB2(sizes.b2, log);
      part.results.push(...b2.results);
      part.scaling.push(b2.scaling);
      break;
    }
    case "B3": {
      const b3 = await runB3({ ...sizes.b3, postgresUrl: postgres }, log);
      part.results.push(...b3.results);
      part.scaling.push(...b3.scaling);
      part.skipped.push(...b3.skipped);
      break;
    }
    case "B4":
      part.results.push(...(await runB4({ ...sizes.b4, postgresUrl: postgres }, log)));
      break;
    case "B5":
      part.results.push(...(await runB5(sizes.b5, log)));
      break;
    case "B6": {
      const b6 = await runB6({ ...sizes.b6, postgresUrl: postgres }, log);
      part.results.push(...b6.results);
      part.skipped.push(...b6.skipped);
      break;
    }
    case "B7":
      part.results.push(...(await runB7(sizes.b7, log)));
      break;
    case "B8":
      part.results.push(...(await runB8(sizes.b8, log)));
      break;
    case "B9":
      part.results.push(...(await runB9(sizes.b9, log)));
      break;
  }
  return {
    ...part,
    process: {
      id,
      // The largest resident set this process has had: the benchmark's, when it ran alone here.
      peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
      seconds: (performance.now() - begun) / 1000,
    },
  };
}

/**
 * Runs one benchmark in a process of its own (same Node flags), so that its peak memory is its
 * own and no benchmark inherits another's heap or JIT state. The child writes its part as JSON.
 */
async function runInChild(
  id: BenchId,
  flags: Flags,
  postgres: string | null,
  log: (line: string) => void,
): Promise<BenchPart> {
  const dir = await mkdtemp(join(tmpdir(), "dutylist-bench-part-"));
  const file = join(dir, `${id}.json`);
  try {
    const args = [...CHILD_FLAGS, import.meta.filename, "--child", id, file];
    if (flags.quick) args.push("--quick");
    const child = spawn(process.execPath, args, {
      cwd: join(import.meta.dirname, ".."),
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DUTYLIST_BENCH_CHILD: "1", DATABASE_URL: postgres ?? "" },
    });
    child.stdout.setEncoding("utf8");
    let pending = "";
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) log(line);
    });
    const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
    if (pending !== "") log(pending);
    if (code !== 0) throw new Error(`${id} failed in its process (exit code ${code})`);
    return JSON.parse(await readFile(file, "utf8")) as BenchPart;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `main.ts --child B2 <file> [--quick]`: one benchmark, its part written to `file`. */
async function child(argv: readonly string[]): Promise<void> {
  const [, id, file] = argv;
  if (!(ALL as readonly string[]).includes(id ?? "") || file === undefined)
    throw new Error("usage: main.ts --child B1|B2|B3|B4|B5|B6|B7|B8|B9 <file> [--quick]");
  const sizes = argv.includes("--quick") ? SIZES.quick : SIZES.full;
  const postgres = process.env.DATABASE_URL === "" ? null : (process.env.DATABASE_URL ?? null);
  const part = await runOne(id as BenchId, sizes, postgres, (line) => process.stdout.write(`${line}\n`));
  await writeFile(file, JSON.stringify(part));
}

/**
 * Runs the selected benchmarks, prints the table and writes `<out>/<timestamp>.json` and
 * `<out>/latest.json`. Returns the report.
 * @example await runBenchmarks(["--quick", "--only", "B1"], console.log)
 */
export async function runBenchmarks(
  argv: readonly string[],
  log: (line: string) => void,
): Promise<RunReport> {
  const flags = parseFlags(argv);
  const sizes = flags.quick ? SIZES.quick : SIZES.full;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const postgres = flags.postgres ? (process.env.DATABASE_URL ?? null) : null;
  const parts: BenchPart[] = [];
  for (const id of flags.only) {
    // A benchmark that fails is reported as such, and the others still run.
    const part = await (flags.inProcess
      ? runOne(id, sizes, postgres, log)
      : runInChild(id, flags, postgres, log)
    ).catch((error: unknown): BenchPart => {
      const reason = `failed: ${error instanceof Error ? error.message : String(error)}`;
      log(`${id} ${reason}`);
      return {
        results: [],
        scaling: [],
        skipped: [{ id, reason }],
        process: { id, peakRssMiB: 0, seconds: 0 },
      };
    });
    parts.push(part);
    log(`${id} done in ${part.process.seconds.toFixed(1)} s, peak rss ${part.process.peakRssMiB} MiB`);
  }
  const results = parts.flatMap((p) => p.results);
  const scaling = parts.flatMap((p) => p.scaling);
  const skipped = parts.flatMap((p) => p.skipped);
  const report: RunReport = {
    startedAt,
    quick: flags.quick,
    machine: machine(),
    postgres: postgres === null ? null : "DATABASE_URL (throwaway cluster)",
    results,
    scaling,
    skipped,
    processes: parts.map((p) => p.process),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await mkdir(flags.out, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(join(flags.out, `${startedAt.replace(/[:.]/g, "-")}.json`), json);
  await writeFile(join(flags.out, "latest.json"), json);
  await writeFile(join(flags.out, "latest.md"), renderMarkdown(report));
  log(renderTable(report));
  return report;
}

/** The server binaries `scripts/with-postgres.sh` would use, if Debian's PostgreSQL is installed. */
function postgresInstalled(): boolean {
  try {
    return readdirSync("/usr/lib/postgresql").some((version) =>
      existsSync(join("/usr/lib/postgresql", version, "bin", "initdb")),
    );
  } catch {
    return false;
  }
}

/**
 * `pnpm bench` without DATABASE_URL on a machine with PostgreSQL installed: runs again under
 * `scripts/with-postgres.sh` (a throwaway cluster, removed afterwards). Never installs anything.
 */
function underThrowawayPostgres(argv: readonly string[]): Promise<number> | null {
  if (process.env.DATABASE_URL !== undefined || argv.includes("--no-postgres")) return null;
  if (process.env.DUTYLIST_BENCH_CHILD === "1" || !postgresInstalled()) return null;
  const script = join(import.meta.dirname, "..", "..", "scripts", "with-postgres.sh");
  const child = spawn(
    "bash",
    [script, process.execPath, ...process.execArgv, import.meta.filename, ...argv],
    { stdio: "inherit", env: { ...process.env, DUTYLIST_BENCH_CHILD: "1" } },
  );
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

if (
  process.argv[1] !== undefined &&
  import.meta.filename === process.argv[1] &&
  process.argv[2] === "--child"
) {
  child(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const argv = process.argv.slice(2);
  const started = performance.now();
  const delegated = underThrowawayPostgres(argv);
  const run =
    delegated ??
    runBenchmarks(argv, (line) => process.stdout.write(`${line}\n`)).then(() => {
      if (process.env.DUTYLIST_BENCH_CHILD !== "1" && !postgresInstalled() && !argv.includes("--no-postgres"))
        process.stdout.write("PostgreSQL is not installed here: B3 ran on PGlite only, B4 on PGlite.\n");
      return 0;
    });
  run.then(
    (code) => {
      if (delegated !== null)
        process.stdout.write(`total wall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
