import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runB1 } from "./b1-determinations.ts";
import { runB2 } from "./b2-scoring.ts";
import { runB3 } from "./b3-end-to-end.ts";
import { runB4 } from "./b4-api.ts";
import { runB5 } from "./b5-import.ts";
import { machine } from "./measure.ts";
import { renderTable } from "./report.ts";
import type { BenchResult, ScalingSeries, Skipped } from "./result.ts";

/** The sizes of a run: the full one, and `--quick` (seconds, for the smoke test). */
export const SIZES = {
  full: {
    b1: { townships: 1237, determinations: 100_000, rounds: 5 },
    b2: { baseTownships: 77, rounds: 3 },
    b3: { baseTownships: 6, perItem: 12, rounds: 3 },
    b4: { townships: 20, seconds: 10, warmupSeconds: 3, connections: 16 },
    b5: { townships: 1237, rounds: 1, warmup: 0 },
  },
  quick: {
    b1: { townships: 2, determinations: 1_000, rounds: 1 },
    b2: { baseTownships: 1, rounds: 1 },
    b3: { baseTownships: 1, perItem: 1, rounds: 1 },
    b4: { townships: 1, seconds: 1, warmupSeconds: 0.5, connections: 4 },
    b5: { townships: 1, rounds: 1, warmup: 0 },
  },
} as const;

const ALL = ["B1", "B2", "B3", "B4", "B5"] as const;
type BenchId = (typeof ALL)[number];

/** The JSON a run writes. */
export interface RunReport {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly machine: ReturnType<typeof machine>;
  readonly postgres: string | null;
  readonly results: readonly BenchResult[];
  readonly scaling: readonly ScalingSeries[];
  readonly skipped: readonly Skipped[];
  readonly wallSeconds: number;
}

interface Flags {
  readonly only: readonly BenchId[];
  readonly quick: boolean;
  readonly out: string;
  /** `--no-postgres`: PGlite only, even when DATABASE_URL is set. */
  readonly postgres: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  let only: BenchId[] = [...ALL];
  let quick = false;
  let postgres = true;
  let out = join(import.meta.dirname, "..", "results");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--no-postgres") postgres = false;
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
      throw new Error(`unknown argument ${arg}; use --only B1,B2 | --quick | --no-postgres | --out DIR`);
  }
  return { only, quick, out, postgres };
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
  const results: BenchResult[] = [];
  const scaling: ScalingSeries[] = [];
  const skipped: Skipped[] = [];
  const postgres = flags.postgres ? (process.env.DATABASE_URL ?? null) : null;
  for (const id of flags.only) {
    const begun = performance.now();
    switch (id) {
      case "B1":
        results.push(...(await runB1(sizes.b1, log)));
        break;
      case "B2": {
        const b2 = await runB2(sizes.b2, log);
        results.push(...b2.results);
        scaling.push(b2.scaling);
        break;
      }
      case "B3": {
        const b3 = await runB3({ ...sizes.b3, postgresUrl: postgres }, log);
        results.push(...b3.results);
        scaling.push(...b3.scaling);
        skipped.push(...b3.skipped);
        break;
      }
      case "B4": {
        const b4 = await runB4({ ...sizes.b4, postgresUrl: postgres }, log);
        results.push(...b4);
        break;
      }
      case "B5":
        results.push(...(await runB5(sizes.b5, log)));
        break;
    }
    log(`${id} done in ${((performance.now() - begun) / 1000).toFixed(1)} s`);
  }
  const report: RunReport = {
    startedAt,
    quick: flags.quick,
    machine: machine(),
    postgres: postgres === null ? null : "DATABASE_URL (throwaway cluster)",
    results,
    scaling,
    skipped,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await mkdir(flags.out, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(join(flags.out, `${startedAt.replace(/[:.]/g, "-")}.json`), json);
  await writeFile(join(flags.out, "latest.json"), json);
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

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
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
