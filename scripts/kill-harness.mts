// Kill -9 harness (docs/operations.md): runs the real CLI as the victim, SIGKILLs it at random
// moments of an import (while it opens and reads the workbook, while it checks and writes) and
// of a first start's migrations, then opens the database again and checks that it opens and
// that the county is entirely before or entirely after the import, never in between.
//
//   pnpm kill-harness [--trials N] [--migration-trials M] [--townships T] [--seed S]
//
// On PGlite (a temporary directory per trial) by default; on PostgreSQL (a database per trial on
// the server) when DATABASE_URL is set. Prints `unopenable: 0, partial: 0` and exits 0 when every
// trial ended in a whole state, 1 otherwise.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRandom } from "../packages/core/src/testing/random.ts";
// A script of the repository, not a package: it reads the store's source directly.
import {
  type Database,
  type DatabaseTarget,
  openDatabase,
  targetFromEnv,
} from "../packages/store/src/index.ts";
import { APPLICATION_TABLES } from "../packages/store/src/testing.ts";

const ROOT = path.join(import.meta.dirname, "..");
const CLI = path.join(ROOT, "apps", "cli", "src", "main.ts");

const { values } = parseArgs({
  options: {
    trials: { type: "string", default: "24" },
    "migration-trials": { type: "string", default: "6" },
    townships: { type: "string", default: "20" },
    seed: { type: "string", default: String(Date.now() % 100_000) },
  },
});
const TRIALS = Number(values.trials);
const MIGRATION_TRIALS = Number(values["migration-trials"]);

// Seeded, so a failing run can be repeated with --seed.
const generator = createRandom(Number(values.seed) >>> 0 || 1, "kill-harness");
const random = () => generator.next();

// The county's own tables: every application table but the county's row, counted apart.
const TABLES = APPLICATION_TABLES.filter((table) => table !== "county");

/** Row counts of the county in every table it owns, plus whether the county row exists. */
async function countyState(db: Database, county: string): Promise<string> {
  const counts: string[] = [];
  const exists = await db.read("SELECT count(*)::int AS n FROM county WHERE id = $1", [county]);
  counts.push(`county=${String(exists[0]?.n)}`);
  for (const table of TABLES) {
    const rows = await db.read(`SELECT count(*)::int AS n FROM ${table} WHERE county_id = $1`, [county]);
    counts.push(`${table}=${String(rows[0]?.n)}`);
  }
  return counts.join(" ");
}

async function migrationsRecorded(db: Database): Promise<{ count: number; repaired: number }> {
  const rows = await db.read(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE logs LIKE 'repaired%')::int AS r FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    [],
  );
  return { count: Number(rows[0]?.n), repaired: Number(rows[0]?.r) };
}

interface Victim {
  readonly child: ChildProcess;
  /** What the victim printed so far: tells which phase it is in. */
  output(): string;
  readonly exited: Promise<number | null>;
}

function startCli(argv: readonly string[], env: NodeJS.ProcessEnv): Victim {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...argv], {
    cwd: path.join(ROOT, "apps", "cli"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(victim: Victim, text: string): Promise<boolean> {
  while (!victim.output().includes(text)) {
    if (victim.child.exitCode !== null) return false;
    await sleep(20);
  }
  return true;
}

/** A fresh place for one trial's database, and its target. */
interface Place {
  readonly target: DatabaseTarget;
  readonly env: NodeJS.ProcessEnv;
  readonly args: readonly string[];
  drop(): Promise<void>;
}

const server = targetFromEnv(process.env, null);
const work = await mkdtemp(path.join(tmpdir(), "dutylist-kill-"));
let template: string | null = null;
let placeNo = 0;

async function freshPlace(migrated: boolean): Promise<Place> {
  placeNo++;
  if (server.kind === "POSTGRES") {
    const url = new URL(server.url);
    const name = `kill_${process.pid}_${placeNo}`;
    const admin = await openDatabase(server);
    await admin.read(`CREATE DATABASE "${name}"`, []);
    await admin.close();
    url.pathname = `/${name}`;
    const target: DatabaseTarget = { kind: "POSTGRES", url: url.toString() };
    if (migrated) await (await openDatabase(target)).close();
    return {
      target,
      env: { ...process.env, DATABASE_URL: url.toString() },
      args: [],
      drop: async () => {
        const admin = await openDatabase(server);
        await admin.read(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, []);
        await admin.close();
      },
    };
  }
  const dataDir = path.join(work, `db${placeNo}`);
  if (migrated) {
    if (template === null) {
      template = path.join(work, "template");
      await (await openDatabase({ kind: "PGLITE", dataDir: template })).close();
    }
    await cp(template, dataDir, { recursive: true });
  } else {
    await mkdir(dataDir, { recursive: true });
  }
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return {
    target: { kind: "PGLITE", dataDir },
    env,
    args: ["--data-dir", dataDir],
    drop: async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.lock`, { force: true });
    },
  };
}

/** Opens the database after a kill; null when it cannot be opened (the message is printed). */
async function reopen(target: DatabaseTarget): Promise<Database | null> {
  try {
    return await openDatabase(target);
  } catch (error) {
    process.stdout.write(`    cannot open: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

// ─── Reference: the workbook, and the states before and after a whole import ─────────────────
const workbook = path.join(work, "county.xlsx");
{
  const generated = startCli(
    ["generate", "--townships", values.townships, "--seed", values.seed, "--out", workbook],
    process.env,
  );
  if ((await generated.exited) !== 0) throw new Error(`generate failed:\n${generated.output()}`);
}
const reference = await freshPlace(true);
const referenceStart = Date.now();
const referenceRun = startCli(["import", workbook, ...reference.args], reference.env);
let readAt = 0;
void waitFor(referenceRun, "已读取").then(() => {
  readAt = Date.now() - referenceStart;
});
if ((await referenceRun.exited) !== 0) throw new Error(`reference import failed:\n${referenceRun.output()}`);
const referenceMs = Date.now() - referenceStart;
const writeMs = Math.max(referenceMs - readAt, 200);
const referenceDb = await openDatabase(reference.target);
const counties = await referenceDb.read("SELECT id FROM county", []);
const county = String(counties[0]?.id);
const after = await countyState(referenceDb, county);
await referenceDb.close();
await reference.drop();
const emptyPlace = await freshPlace(true);
const emptyDb = await openDatabase(emptyPlace.target);
const before = await countyState(emptyDb, county);
await emptyDb.close();
await emptyPlace.drop();
// How long a first start (create, migrate, answer) takes: migration kills fall within it.
const firstPlace = await freshPlace(false);
const firstStart = Date.now();
await startCli(["lists", "--as-of", "2025-10-01", ...firstPlace.args], firstPlace.env).exited;
const firstStartMs = Date.now() - firstStart;
await firstPlace.drop();
process.stdout.write(
  `kill harness on ${server.kind === "POSTGRES" ? "PostgreSQL" : "PGlite"} (seed ${values.seed}): county ${county}, ` +
    `import ${referenceMs} ms (read ${readAt} ms), first start ${firstStartMs} ms\n  before: ${before}\n  after:  ${after}\n`,
);

// ─── Trials ──────────────────────────────────────────────────────────────────────────────────
let unopenable = 0;
let partial = 0;
let killed = 0;
let trials = 0;
const outcomes = new Map<string, number>();
const tally = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

const PHASES = ["open+read", "check+write"] as const;
// Trials go on until TRIALS imports were killed before they ended (at most 2 × TRIALS runs).
let importKills = 0;
for (let n = 0; importKills < TRIALS && n < 2 * TRIALS; n++) {
  const phase = PHASES[n % PHASES.length] ?? "open+read";
  trials++;
  const place = await freshPlace(true);
  const victim = startCli(["import", workbook, ...place.args], place.env);
  // Reading ends when the victim prints 已读取: a kill planned later than that comes then.
  if (phase === "open+read")
    await Promise.race([sleep(random() * Math.max(readAt, 500)), waitFor(victim, "已读取")]);
  else if (await waitFor(victim, "已读取")) await sleep(random() * writeMs * 0.9);
  const done = victim.child.exitCode !== null;
  victim.child.kill("SIGKILL");
  await victim.exited;
  if (!done) {
    killed++;
    importKills++;
  }
  const db = await reopen(place.target);
  let verdict: string;
  if (db === null) {
    unopenable++;
    verdict = "UNOPENABLE";
  } else {
    const now = await countyState(db, county);
    await db.close();
    verdict = now === before ? "before" : now === after ? "after" : "PARTIAL";
    if (verdict === "PARTIAL") {
      partial++;
      process.stdout.write(`    partial state: ${now}\n`);
    }
  }
  tally(`import ${phase} → ${verdict}`);
  process.stdout.write(
    `  trial ${n + 1}: import, killed in ${done ? "(already done)" : phase} → ${verdict}\n`,
  );
  await place.drop();
}

for (let n = 0; n < MIGRATION_TRIALS; n++) {
  trials++;
  const place = await freshPlace(false);
  // Any command's first start migrates; `lists` on an empty database does little else.
  const victim = startCli(["lists", "--as-of", "2025-10-01", ...place.args], place.env);
  const started = Date.now();
  await sleep(random() * firstStartMs * 0.6);
  const done = victim.child.exitCode !== null;
  const killedAfter = Date.now() - started;
  victim.child.kill("SIGKILL");
  await victim.exited;
  if (!done) killed++;
  const db = await reopen(place.target);
  let verdict: string;
  if (db === null) {
    unopenable++;
    verdict = "UNOPENABLE";
  } else {
    const { count, repaired } = await migrationsRecorded(db);
    await db.close();
    verdict =
      repaired > 0 ? `opened (${count} migrations, ${repaired} repaired)` : `opened (${count} migrations)`;
  }
  tally(`migration → ${verdict}`);
  process.stdout.write(
    `  migration trial ${n + 1}: first start, killed after ${killedAfter} ms${done ? " (already done)" : ""} → ${verdict}\n`,
  );
  await place.drop();
}

await rm(work, { recursive: true, force: true });
process.stdout.write("\nsummary:\n");
for (const [key, count] of [...outcomes].sort()) process.stdout.write(`  ${key}: ${count}\n`);
process.stdout.write(
  `kills: ${killed} of ${trials} trials\nunopenable: ${unopenable}, partial: ${partial}\n`,
);
// Exit now: Prisma's engine and PGlite leave timers behind in the process that reopened the
// databases, which otherwise keep the harness alive after its summary.
process.exit(unopenable === 0 && partial === 0 ? 0 : 1);
