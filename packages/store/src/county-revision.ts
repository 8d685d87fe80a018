import type { Database } from "./database.ts";

/**
 * The revision of what is stored for a county: a number that changes whenever a statement writes
 * one of the tables its dataset or assessments are read from (database triggers bump it, whoever
 * writes — the API, the CLI, an operator's SQL; migration `county_revision`). Equal revisions mean
 * nothing of the county was written in between, so whatever was loaded or computed at that
 * revision still holds. A county never written has revision 0. One statement, on the driver.
 * @example if ((await countyRevision(db, "QX")) === cached.revision) return cached.value
 */
export async function countyRevision(
  db: Database,
  countyCode: string,
  of: RevisionKind = "EVERYTHING",
): Promise<bigint> {
  // On the driver: the API asks once per county and request; through Prisma it costs 2–4 times more.
  const [row] = await db.read(`SELECT revision::text AS revision FROM ${TABLES[of]} WHERE county_id = $1`, [
    countyCode,
  ]);
  return typeof row?.revision === "string" ? BigInt(row.revision) : 0n;
}

/**
 * Which revision: of everything stored for the county, or of its lists alone (the county, its
 * townships, departments, catalogue, lists, adjustments and ledger; migration
 * `county_list_revision`), which records, plans and cases do not change.
 */
export type RevisionKind = "EVERYTHING" | "LISTS";

/** Each kind's table; its triggers announce new revisions on a channel of the same name. */
const TABLES: Readonly<Record<RevisionKind, string>> = {
  EVERYTHING: "county_revision",
  LISTS: "county_list_revision",
};

interface Reads {
  /** The query running now, if any. */
  running: Promise<bigint> | null;
  /** The query that starts when the running one ends, shared by everyone who asked meanwhile. */
  next: Promise<bigint> | null;
}

/**
 * Reads county revisions for many concurrent requests with as few queries as freshness allows.
 * Where the database announces every write before the writer goes on (`Database#listen`: PGlite,
 * whose one process is the only writer), revisions are read once per county and then followed
 * from the announcements. Elsewhere every answer comes from a query that started after it was
 * asked for (so a request sees every write committed before it arrived), but requests arriving
 * while a query runs share the one that follows it: under load, one query per county per query
 * time, not one per request.
 * @example const revisions = new CountyRevisions(db); await revisions.read("QX")
 * @example const lists = new CountyRevisions(db, "LISTS"); await lists.read("QX")
 */
export class CountyRevisions {
  private readonly reads = new Map<string, Reads>();
  /** Revisions followed from announcements, when the database makes them. */
  private readonly followed = new Map<string, bigint>();
  private listening: Promise<boolean> | null = null;
  /** Moves on when every county changed at once (`*`): a read begun before it is not kept. */
  private epoch = 0;

  constructor(
    private readonly db: Database,
    private readonly of: RevisionKind = "EVERYTHING",
  ) {}

  /** The county's revision, as of every write committed before this call. */
  async read(countyCode: string): Promise<bigint> {
    if (!(await this.follow())) return this.query(countyCode);
    const known = this.followed.get(countyCode);
    if (known !== undefined) return known;
    const epoch = this.epoch;
    const read = await this.query(countyCode);
    // An announcement may have come while the query ran: revisions only grow, keep the larger;
    // after a `*`, the read may predate it and is not kept (the next read asks again).
    if (epoch !== this.epoch) return this.read(countyCode);
    const announced = this.followed.get(countyCode);
    const revision = announced !== undefined && announced > read ? announced : read;
    this.followed.set(countyCode, revision);
    return revision;
  }

  /** Whether revisions are followed from announcements (listening starts on first use). */
  private follow(): Promise<boolean> {
    const listen = this.db.listen;
    if (listen === null) return Promise.resolve(false);
    // The channel the triggers announce new revisions on: `<county> <revision>`, or `*`.
    this.listening ??= listen(TABLES[this.of], (payload) => this.announced(payload)).then(
      () => true,
      () => false,
    );
    return this.listening;
  }

  private announced(payload: string): void {
    const space = payload.lastIndexOf(" ");
    if (payload === "*" || space < 0) {
      this.epoch++;
      this.followed.clear();
      return;
    }
    const countyCode = payload.slice(0, space);
    const revision = BigInt(payload.slice(space + 1));
    const known = this.followed.get(countyCode);
    if (known === undefined || revision > known) this.followed.set(countyCode, revision);
  }

  /** One query, shared by every caller that arrived while the previous one ran. */
  private query(countyCode: string): Promise<bigint> {
    let reads = this.reads.get(countyCode);
    if (reads === undefined) {
      reads = { running: null, next: null };
      this.reads.set(countyCode, reads);
    }
    const running = reads.running;
    if (running === null) return this.start(countyCode, reads);
    const state = reads;
    const settled = () => {
      state.next = null;
      return this.start(countyCode, state);
    };
    state.next ??= running.then(settled, settled);
    return state.next;
  }

  private start(countyCode: string, reads: Reads): Promise<bigint> {
    const query = countyRevision(this.db, countyCode, this.of);
    reads.running = query;
    const done = () => {
      if (reads.running === query) reads.running = null;
    };
    query.then(done, done);
    return query;
  }
}
