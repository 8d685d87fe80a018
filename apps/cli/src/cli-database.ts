import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Database, type DatabaseTarget, targetFromEnv, tryOpenDatabase } from "@dutylist/store";
import { type CliIo, EXIT, type ExitCode, resolvePath } from "./cli-io.ts";

// The same default as the API (apps/api/src/env.ts; copied, as the API exports nothing): PGlite in
// `.data/pglite` at the repo root, `DUTYLIST_DATA_DIR` to move it, `DATABASE_URL=postgresql://…`
// for PostgreSQL. `--data-dir` wins over both.
const DEFAULT_DATA_DIR = path.join(import.meta.dirname, "..", "..", "..", ".data", "pglite");

/**
 * Where the command's data lives.
 * @example databaseTarget(io, undefined) // { kind: "PGLITE", dataDir: "<repo>/.data/pglite" }
 */
export function databaseTarget(io: CliIo, dataDir: string | undefined): DatabaseTarget {
  if (dataDir !== undefined) return { kind: "PGLITE", dataDir: resolvePath(io, dataDir) };
  return targetFromEnv(io.env, io.env.DUTYLIST_DATA_DIR ?? DEFAULT_DATA_DIR);
}

/**
 * Runs `use` on the database and closes it afterwards (a file-backed PGlite left open keeps the
 * process alive); a database handed in with `io.database` is used and left open. A PGlite
 * directory another process holds (the `pnpm start` server) is refused before anything is read
 * or written: the holder's pid and command on stderr, exit code 5 (`EXIT.LOCKED`); a
 * half-applied migration exits 4 with its name and what is missing.
 * @example await withDatabase(io, values["data-dir"], (db) => showLists(db))
 */
export async function withDatabase(
  io: CliIo,
  dataDir: string | undefined,
  use: (db: Database) => Promise<ExitCode>,
): Promise<ExitCode> {
  if (io.database !== undefined) return use(io.database);
  const target = databaseTarget(io, dataDir);
  if (target.kind === "PGLITE" && target.dataDir !== null) await mkdir(target.dataDir, { recursive: true });
  const opened = await tryOpenDatabase(target);
  if (!opened.ok) {
    const problem = opened.errors[0];
    io.stderr(`错误:${problem.message}\n`);
    return problem._tag === "STORE_LOCKED" ? EXIT.LOCKED : EXIT.FAILURE;
  }
  const db = opened.value;
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}
