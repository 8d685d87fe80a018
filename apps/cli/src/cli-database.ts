import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Database, type DatabaseTarget, openDatabase, targetFromEnv } from "@dutylist/store";
import { type CliIo, resolvePath } from "./cli-io.ts";

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
 * process alive); a database handed in with `io.database` is used and left open.
 * @example await withDatabase(io, values["data-dir"], (db) => listCounties(db))
 */
export async function withDatabase<T>(
  io: CliIo,
  dataDir: string | undefined,
  use: (db: Database) => Promise<T>,
): Promise<T> {
  if (io.database !== undefined) return use(io.database);
  const target = databaseTarget(io, dataDir);
  if (target.kind === "PGLITE" && target.dataDir !== null) await mkdir(target.dataDir, { recursive: true });
  const db = await openDatabase(target);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}
