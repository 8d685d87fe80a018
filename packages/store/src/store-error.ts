import { err, ok, type Result } from "@dutylist/core";
import { referenceMessage, tableNoun, tableOf, uniqueMessage, type Violation } from "./constraint-names.ts";
import type { StoreLocked } from "./database-lock.ts";
import type { StoreMigrationFailed } from "./schema-migrations.ts";

/** A write the database refused: what collided, or what it referred to that is not there. */
export type StoreWriteError =
  | { readonly _tag: "STORE_CONFLICT"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_MISSING_REFERENCE"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_NOT_FOUND"; readonly target: string; readonly message: string };

/** Whether a store error is about a write (not about opening the database). */
function isWriteError(error: StoreError): error is StoreWriteError {
  return (
    error._tag === "STORE_CONFLICT" ||
    error._tag === "STORE_MISSING_REFERENCE" ||
    error._tag === "STORE_NOT_FOUND"
  );
}

/** Failures of the store that callers handle; everything else is a bug and is thrown. */
export type StoreError =
  | StoreWriteError
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

interface DriverCause {
  readonly message?: unknown;
  readonly originalMessage?: unknown;
  readonly detail?: unknown;
  readonly constraint?: { readonly fields?: unknown; readonly index?: unknown };
}

/**
 * The driver's own error inside Prisma's: PGlite's adapter puts it in `cause`, both in `meta`; an
 * error the store raised itself (a bulk load's missing reference) is its own.
 */
function driverCause(error: unknown): DriverCause | null {
  if (typeof error !== "object" || error === null) return null;
  const record = error as { cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const cause = record.meta?.driverAdapterError?.cause ?? record.cause;
  return typeof cause === "object" && cause !== null ? (cause as DriverCause) : (error as DriverCause);
}

/**
 * What a violation was about, from what the driver tells: the constraint's name (in its message,
 * or adapter-pg's `constraint.index`), the key's columns and values (PGlite's detail
 * `Key (a, b)=(x, y) …`), or only the columns (adapter-pg's `constraint.fields`).
 */
function violationOf(error: unknown): Violation {
  const cause = driverCause(error);
  const message = String(cause?.message ?? cause?.originalMessage ?? "");
  const index = cause?.constraint?.index;
  const constraint = typeof index === "string" ? index : (/constraint "([^"]+)"/.exec(message)?.[1] ?? null);
  const detail = typeof cause?.detail === "string" ? cause.detail : "";
  const key = /Key \(([^)]*)\)=\((.*)\) (?:already exists|is not present)/.exec(detail);
  if (key?.[1] !== undefined && key[2] !== undefined) {
    const columns = key[1].split(", ");
    const values = key[2].split(", ");
    return { constraint, columns, values: values.length === columns.length ? values : null };
  }
  const fields = cause?.constraint?.fields;
  const columns = Array.isArray(fields) ? fields.map(String) : [];
  return { constraint, columns, values: null };
}

/** Fills the key's values the driver did not give from what the writer knows (`known`, by column). */
function withKnownValues(violation: Violation, known: Readonly<Record<string, string>>): Violation {
  if (violation.values !== null || violation.columns.length === 0) return violation;
  const values = violation.columns.map((column) => known[column]);
  return values.every((v) => v !== undefined) ? { ...violation, values: values as string[] } : violation;
}

/**
 * Maps the known errors of both adapters to store errors whose message names what collided in
 * words (finding 7), never the raw constraint: unique violations (P2002, SQLSTATE 23505), foreign
 * keys (P2003, 23503), check constraints (23514), missing rows (P2025). `target` is the table
 * written when the constraint does not name it; `known` gives the key's values by column where the
 * writer knows them (adapter-pg reports only the columns). Returns null for anything else.
 * @example toStoreError(error, "department_rating")?.message // "乡镇 QX-CG 对部门 MZJ 的 2025 年度评价已存在"
 */
export function toStoreError(
  error: unknown,
  target: string,
  known: Readonly<Record<string, string>> = {},
): StoreWriteError | null {
  const code = codeOf(error);
  switch (code) {
    case "P2002":
    case "23505": {
      const violation = withKnownValues(violationOf(error), known);
      const table = tableOf(violation.constraint, target);
      return { _tag: "STORE_CONFLICT", target: table, message: uniqueMessage(table, violation) };
    }
    case "P2003":
    case "23503": {
      const violation = violationOf(error);
      const table = tableOf(violation.constraint, target);
      return { _tag: "STORE_MISSING_REFERENCE", target: table, message: referenceMessage(table, violation) };
    }
    case "23514": {
      const table = tableOf(violationOf(error).constraint, target);
      return {
        _tag: "STORE_CONFLICT",
        target: table,
        message: `${tableNoun(table)}的取值不符合数据库的约束`,
      };
    }
    case "P2025":
      return { _tag: "STORE_NOT_FOUND", target, message: `${tableNoun(target)}不存在` };
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
 * `StoreFailure` that names `target` (the table) and, where the driver gives no values, the key's
 * values in `known` (by column); anything else is rethrown as it is.
 * @example await step("performance_record", () => tx.performanceRecord.createMany({ data }))
 */
export async function step<T>(
  target: string,
  write: () => Promise<T>,
  known: Readonly<Record<string, string>> = {},
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreFailure) throw error;
    const mapped = toStoreError(error, target, known);
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
): Promise<Result<T, StoreWriteError>> {
  try {
    return ok(await transaction);
  } catch (error) {
    if (error instanceof StoreFailure) {
      if (isWriteError(error.storeError)) return err(error.storeError);
      throw error;
    }
    const mapped = toStoreError(error, target);
    if (mapped === null) throw error;
    return err(mapped);
  }
}
