import { createHash } from "node:crypto";
import { type Actor, canonicalJson } from "@dutylist/core";
import type { Tx } from "./transaction.ts";

// The change log (issue "who may do what", part 2): every store writer appends one row per county
// it wrote, in the transaction of the write itself, so a refused or rolled-back write leaves no
// row. A county's rows are numbered 1, 2, 3… and chained: each row's hash is the SHA-256 of the
// canonical JSON of its other columns (`hashedColumns`), prev_hash — the row before's hash, 64
// zeros for the first — included. `change_log_head` keeps the last seq and hash of each county,
// so rows removed at the end are found too (`verifyChangeLog`, change-log-verify.ts). The table
// refuses UPDATE, DELETE and TRUNCATE (a trigger, migration 20261205090000_change_log).

/**
 * Who wrote, through which operation, with what arguments: what every store writer is given and
 * records in the change log with the ids it wrote. `at` defaults to the moment of the append.
 * @example const stamp: ChangeStamp = { actor: LOCAL_ADMINISTRATOR, operation: "import", arguments: { file: "lists.xlsx" } }
 */
export interface ChangeStamp {
  readonly actor: Actor;
  /** The GraphQL field (`approveAdjustment`) or the command (`import`, `demo-loader`). */
  readonly operation: string;
  /** The operation's arguments as given; only their digest is stored. */
  readonly arguments: unknown;
  readonly at?: Date;
}

/** The prev_hash of a county's first row. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The most ids a row lists of one kind; more are recorded as a count (`records:420085`), never
 * one by one. An API batch (at most 5,000 records) is listed in full.
 */
export const MAX_LISTED_IDS = 5_000;

/** One row of the change log, as the hash covers it. */
export interface ChangeLogRow {
  readonly countyCode: string;
  readonly seq: number;
  readonly recordedAt: Date;
  readonly actorSubject: string;
  readonly actorName: string;
  readonly actorRole: string;
  readonly operation: string;
  readonly argumentsDigest: string;
  readonly writtenIds: readonly string[] | null;
  readonly prevHash: string;
}

/**
 * Hex SHA-256 of a text's UTF-8 bytes (the core's `sha256Hex`, computed by node:crypto: verifying
 * a long chain hashes every row again).
 * @example sha256("abc") // "ba7816bf…15ad"
 */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The digest stored for an operation's arguments: hex SHA-256 of their canonical JSON.
 * @example argumentsDigest({ countyCode: "QX", taskId: "T-1" }) === argumentsDigest({ taskId: "T-1", countyCode: "QX" }) // true
 */
export function argumentsDigest(args: unknown): string {
  return sha256(canonicalJson(args));
}

/**
 * What a row's hash covers: every column but the hash, by its column name, `recorded_at` as an
 * ISO-8601 instant in UTC with milliseconds. Anyone can recompute it from the table.
 */
export function hashedColumns(row: ChangeLogRow): Record<string, unknown> {
  return {
    county_id: row.countyCode,
    seq: row.seq,
    recorded_at: row.recordedAt.toISOString(),
    actor_subject: row.actorSubject,
    actor_name: row.actorName,
    actor_role: row.actorRole,
    operation: row.operation,
    arguments_digest: row.argumentsDigest,
    written_ids: row.writtenIds,
    prev_hash: row.prevHash,
  };
}

/**
 * A row's hash: hex SHA-256 of the canonical JSON of `hashedColumns`.
 * @example rowHash({ countyCode: "QX", seq: 1, …, prevHash: GENESIS_HASH })
 */
export function rowHash(row: ChangeLogRow): string {
  return sha256(canonicalJson(hashedColumns(row)));
}

/**
 * The ids of one kind of thing written, or their count (`name:count`) when there are more than
 * MAX_LISTED_IDS.
 * @example listedOrCounted("entries", ids) // ["entries:420085"] for 420,085 ids
 */
export function listedOrCounted(name: string, ids: readonly string[]): string[] {
  return ids.length > MAX_LISTED_IDS ? [`${name}:${ids.length}`] : [...ids];
}

/** A count recorded in written_ids (`entries:420`), or nothing for zero. */
export function counted(name: string, count: number): string[] {
  return count > 0 ? [`${name}:${count}`] : [];
}

// Advisory locks of the change log: the two-key form, in a class of their own (the migration lock
// uses the one-key form), the second key derived from the county id.
const LOCK_CLASS = 0x636c6f67; // "clog"

/**
 * The advisory lock key of a county's appends: the first 32 bits of the SHA-256 of its id, signed.
 * Two counties may share a key; their appends then wait for each other, nothing worse.
 */
export function countyLockKey(countyCode: string): number {
  return createHash("sha256").update(countyCode, "utf8").digest().readInt32BE(0);
}

/**
 * Appends one row to a county's chain, inside the caller's transaction, as its last statements:
 * takes the county's advisory lock (held until the transaction ends, so appends of one county
 * serialize), reads the head, inserts the row and moves the head. Writers call it after their
 * writes, so the lock is held only for the append itself and the commit.
 * @example await appendChange(tx, "QX", stamp, ["QX-ADJ-2025-03"])
 */
export async function appendChange(
  tx: Tx,
  countyCode: string,
  stamp: ChangeStamp,
  writtenIds: readonly string[],
): Promise<ChangeLogRow & { readonly hash: string }> {
  await tx.$queryRaw`SELECT true AS locked FROM pg_advisory_xact_lock(${LOCK_CLASS}::int, ${countyLockKey(countyCode)}::int)`;
  const head = await tx.changeLogHead.findUnique({ where: { countyId: countyCode } });
  const row: ChangeLogRow = {
    countyCode,
    seq: (head?.seq ?? 0) + 1,
    // Read after the lock: a county's rows are recorded in the order of their seq.
    recordedAt: stamp.at ?? new Date(),
    actorSubject: stamp.actor.subject,
    actorName: stamp.actor.name,
    actorRole: stamp.actor.role,
    operation: stamp.operation,
    argumentsDigest: argumentsDigest(stamp.arguments ?? null),
    writtenIds: [...writtenIds],
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = rowHash(row);
  const { countyCode: countyId, writtenIds: ids, ...columns } = row;
  await tx.changeLog.create({ data: { ...columns, countyId, writtenIds: [...(ids ?? [])], hash } });
  await tx.changeLogHead.upsert({
    where: { countyId },
    create: { countyId, seq: row.seq, hash },
    update: { seq: row.seq, hash },
  });
  return { ...row, hash };
}
