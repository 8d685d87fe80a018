import { err, ok, type Result } from "@dutylist/core";
import type { StoreLocked } from "./database-lock.ts";
import type { StoreMigrationFailed } from "./schema-migrations.ts";

/** Failures of the store that callers handle; everything else is a bug and is thrown. */
export type StoreError =
  | { readonly _tag: "STORE_CONFLICT"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_MISSING_REFERENCE"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_NOT_FOUND"; readonly target: string; readonly message: string }
  /** A PGlite directory another live process holds (one writer per embedded database). */
  | StoreLocked
  /** A migration found half-applied: the database is not opened. */
  | StoreMigrationFailed;

function codeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const record = error as { code?: unknown; cause?: unknown; meta?: unknown };
  // A raw statement that failed (P2010) carries the driver's SQLSTATE in its meta.
  if (record.code === "P2010") {
    const meta = record.meta as
      | { code?: unknown; driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } }
      | undefined;
    const cause = meta?.driverAdapterError?.cause;
    // PGlite's adapter names the SQLSTATE `code`, adapter-pg's `originalCode`.
    const sqlState = cause?.originalCode ?? cause?.code ?? meta?.code;
    if (typeof sqlState === "string") return sqlState;
  }
  if (typeof record.code === "string") return record.code;
  // PGlite surfaces constraint violations as a DriverAdapterError whose cause carries the SQLSTATE.
  const cause = record.cause as { code?: unknown; originalCode?: unknown } | undefined;
  if (typeof cause?.originalCode === "string") return cause.originalCode;
  if (typeof cause?.code === "string") return cause.code;
  return null;
}

/**
 * Maps the known errors of both adapters to store errors: unique violations (P2002, SQLSTATE
 * 23505), foreign keys (P2003, 23503), missing rows (P2025). Returns null for anything else.
 */
export function toStoreError(error: unknown, target: string): StoreError | null {
  const code = codeOf(error);
  const detail = error instanceof Error ? (error.message.split("\n").at(-1) ?? error.message) : String(error);
  switch (code) {
    case "P2002":
    case "23505":
      return { _tag: "STORE_CONFLICT", target, message: `${target} 已存在(${detail})` };
    case "P2003":
    case "23503":
      return { _tag: "STORE_MISSING_REFERENCE", target, message: `${target} 引用了不存在的记录(${detail})` };
    case "P2025":
      return { _tag: "STORE_NOT_FOUND", target, message: `${target} 不存在` };
    default:
      return null;
  }
}

/**
 * A store error thrown inside a transaction to roll it back, caught by `storeResult` and returned
 * as a value. Only writers that run inside a caller's transaction throw it.
 */
export class StoreFailure extends Error {
  constructor(readonly storeError: StoreError) {
    super(storeError.message);
  }
}

/**
 * Runs one write step of a transaction, turning a known constraint violation into a
 * `StoreFailure` that names `target` (the table); anything else is rethrown as it is.
 * @example await step("performance_record", () => tx.performanceRecord.createMany({ data }))
 */
export async function step<T>(target: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreFailure) throw error;
    const mapped = toStoreError(error, target);
    if (mapped === null) throw error;
    throw new StoreFailure(mapped);
  }
}

/**
 * Awaits a transaction and returns its value, or the store error that rolled it back (a
 * `StoreFailure`, or a known violation reported at commit, named after `target`). Bugs are rethrown.
 * @example return storeResult("county", db.prisma.$transaction((tx) => writeCountyChanges(tx, before, after)))
 */
export async function storeResult<T>(
  target: string,
  transaction: Promise<T>,
): Promise<Result<T, StoreError>> {
  try {
    return ok(await transaction);
  } catch (error) {
    if (error instanceof StoreFailure) return err(error.storeError);
    const mapped = toStoreError(error, target);
    if (mapped === null) throw error;
    return err(mapped);
  }
}
