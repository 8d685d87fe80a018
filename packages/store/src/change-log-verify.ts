import { err, ok, type Result } from "@dutylist/core";
import { type ChangeLogRow, GENESIS_HASH, rowHash } from "./change-log.ts";
import type { Database } from "./database.ts";

/** What went wrong with a county's chain, at its first bad row. */
export type ChangeLogProblemKind =
  /** The row's columns no longer hash to its hash, or its hash is not what the next row chained. */
  | "ALTERED"
  /** The row is gone: a gap in the seqs, or rows missing after the last one the head names. */
  | "REMOVED"
  /** The chain's end is not the head's: the last row rewritten, rows added past the head, or no head. */
  | "HEAD_MISMATCH";

/** The first bad row of a county's chain. */
export interface ChangeLogProblem {
  readonly countyCode: string;
  /** The seq of the altered or removed row (for a removed middle row: the one missing). */
  readonly seq: number;
  readonly problem: ChangeLogProblemKind;
  readonly message: string;
  /** The operation and actor the row names as stored now; null for a removed row. */
  readonly operation: string | null;
  readonly actorSubject: string | null;
  readonly actorName: string | null;
}

/** An intact chain: its rows and its head. */
export interface ChangeLogChain {
  readonly countyCode: string;
  readonly rows: number;
  readonly headSeq: number;
  readonly headHash: string;
}

/** A county's head: its last seq and hash (to anchor elsewhere, `dutylist audit head`). */
export interface ChangeLogHead {
  readonly countyCode: string;
  readonly seq: number;
  readonly hash: string;
}

// Rows are streamed through a cursor, this many at a time: a long chain is never held in memory.
const BATCH = 1_000;

interface StoredRow extends ChangeLogRow {
  readonly hash: string;
}

function rowOf(raw: Readonly<Record<string, unknown>>): StoredRow {
  const at = raw.recorded_at;
  return {
    countyCode: String(raw.county_id),
    seq: Number(raw.seq),
    recordedAt: at instanceof Date ? at : new Date(String(at)),
    actorSubject: String(raw.actor_subject),
    actorName: String(raw.actor_name),
    actorRole: String(raw.actor_role),
    operation: String(raw.operation),
    argumentsDigest: String(raw.arguments_digest),
    writtenIds: Array.isArray(raw.written_ids) ? raw.written_ids.map(String) : null,
    prevHash: String(raw.prev_hash),
    hash: String(raw.hash),
  };
}

/** One county's chain as it is read, row after row. */
class ChainCheck {
  private expected = 1;
  private previous: StoredRow | null = null;
  problem: ChangeLogProblem | null = null;

  constructor(readonly countyCode: string) {}

  private fail(seq: number, problem: ChangeLogProblemKind, message: string, row: StoredRow | null): void {
    this.problem = {
      countyCode: this.countyCode,
      seq,
      problem,
      message: `县 ${this.countyCode} 变更日志第 ${seq} 行${message}`,
      operation: row?.operation ?? null,
      actorSubject: row?.actorSubject ?? null,
      actorName: row?.actorName ?? null,
    };
  }

  add(row: StoredRow): void {
    if (this.problem !== null) return;
    if (row.seq !== this.expected) {
      const gap = row.seq - 1 > this.expected ? `(至第 ${row.seq - 1} 行)` : "";
      this.fail(this.expected, "REMOVED", `已被删除${gap}:第 ${row.seq} 行之前缺行`, null);
      return;
    }
    if (rowHash(row) !== row.hash) {
      this.fail(row.seq, "ALTERED", "已被改动:各列与其哈希不符", row);
      return;
    }
    const chained = this.previous?.hash ?? GENESIS_HASH;
    if (row.prevHash !== chained) {
      // The row itself is intact: the one before was rewritten with its hash recomputed (or, for
      // the first row, its prev_hash was).
      const seq = Math.max(row.seq - 1, 1);
      this.fail(seq, "ALTERED", `已被改写:其哈希与第 ${row.seq} 行记下的不符`, this.previous ?? row);
      return;
    }
    this.previous = row;
    this.expected++;
  }

  /** The end of the chain against the head; the chain's counts when it is intact. */
  finish(head: ChangeLogHead | undefined): ChangeLogChain | null {
    if (this.problem !== null) return null;
    const last = this.expected - 1;
    const lastHash = this.previous?.hash ?? GENESIS_HASH;
    if (head === undefined) {
      this.fail(last, "HEAD_MISMATCH", "之后没有链头记录(change_log_head 中缺少该县)", this.previous);
    } else if (head.seq > last) {
      const gap = head.seq > last + 1 ? `(至第 ${head.seq} 行)` : "";
      this.fail(last + 1, "REMOVED", `已被删除${gap}:链头记到第 ${head.seq} 行,日志只到第 ${last} 行`, null);
    } else if (head.seq < last) {
      this.fail(head.seq + 1, "HEAD_MISMATCH", `起不在链头之内:链头记到第 ${head.seq} 行`, null);
    } else if (head.hash !== lastHash) {
      this.fail(last, "HEAD_MISMATCH", "的哈希与链头记下的不符(末行被改写,或链头被改动)", this.previous);
    } else {
      return { countyCode: this.countyCode, rows: last, headSeq: head.seq, headHash: head.hash };
    }
    return null;
  }
}

/**
 * Every county's head — its last seq and hash — by county code: what to anchor outside the
 * database (print it, sign it, mail it), so that a chain rewritten whole, head included, is found
 * by comparing with it.
 * @example await changeLogHeads(db) // [{ countyCode: "QX", seq: 12, hash: "9f2c…" }]
 */
export async function changeLogHeads(
  db: Database,
  options: { readonly countyCode?: string } = {},
): Promise<ChangeLogHead[]> {
  const rows = await db.prisma.changeLogHead.findMany({
    where: options.countyCode === undefined ? {} : { countyId: options.countyCode },
    orderBy: { countyId: "asc" },
  });
  return rows.map((row) => ({ countyCode: row.countyId, seq: row.seq, hash: row.hash }));
}

/**
 * Recomputes every county's chain (or one county's), streaming the rows in batches: each row's
 * hash from its columns, each prev_hash against the row before, the seqs without a gap, and the
 * end against the county's head. Returns each intact chain's row count and head, or the FIRST bad
 * row of every county whose chain is broken: ALTERED (a row edited — named by its seq — or
 * rewritten with its hash recomputed, found at the next row), REMOVED (a row deleted from the
 * middle, named by the missing seq, or from the end, found by the head) or HEAD_MISMATCH.
 *
 * What it cannot find: a chain rewritten whole, hashes and head included, by someone who can
 * write the tables. Compare the heads with ones anchored elsewhere (`changeLogHeads`).
 * @example const verified = await verifyChangeLog(db, { countyCode: "QX" }) // ok([{ countyCode: "QX", rows: 12, … }])
 */
export async function verifyChangeLog(
  db: Database,
  options: { readonly countyCode?: string } = {},
): Promise<Result<ChangeLogChain[], ChangeLogProblem>> {
  const heads = new Map((await changeLogHeads(db, options)).map((h) => [h.countyCode, h]));
  const chains: ChangeLogChain[] = [];
  const problems: ChangeLogProblem[] = [];
  const seen = new Set<string>();
  const finish = (check: ChainCheck) => {
    const chain = check.finish(heads.get(check.countyCode));
    if (chain !== null) chains.push(chain);
    if (check.problem !== null) problems.push(check.problem);
  };
  const reading: { current: ChainCheck | null } = { current: null };
  const where = options.countyCode === undefined ? "" : "WHERE county_id = $1";
  await db.stream(
    `SELECT county_id, seq, recorded_at, actor_subject, actor_name, actor_role, operation,
            arguments_digest, written_ids, prev_hash, hash
       FROM change_log ${where} ORDER BY county_id, seq`,
    options.countyCode === undefined ? [] : [options.countyCode],
    BATCH,
    (rows) => {
      for (const raw of rows) {
        const row = rowOf(raw);
        let check = reading.current;
        if (check?.countyCode !== row.countyCode) {
          if (check !== null) finish(check);
          check = new ChainCheck(row.countyCode);
          reading.current = check;
          seen.add(row.countyCode);
        }
        check.add(row);
      }
    },
  );
  if (reading.current !== null) finish(reading.current);
  // A head without a single row: the whole chain was removed.
  for (const head of heads.values()) if (!seen.has(head.countyCode)) finish(new ChainCheck(head.countyCode));
  const byCounty = <T extends { countyCode: string }>(a: T, b: T) =>
    a.countyCode < b.countyCode ? -1 : a.countyCode > b.countyCode ? 1 : 0;
  const [first, ...rest] = problems.sort(byCounty);
  return first === undefined ? ok(chains.sort(byCounty)) : err(first, ...rest);
}
