import { createServer, type Socket } from "node:net";
import { assertNever } from "@dutylist/core";
import type { PGlite } from "@electric-sql/pglite";
import {
  errorResponse,
  type Frame,
  FrameReader,
  ownNames,
  queryMessage,
  readResponse,
  readyForQuery,
  refusalOf,
  rewriteOf,
  SYNC,
  sqlOf,
  withSql,
} from "./bi-wire-protocol.ts";
import type { Database } from "./database.ts";

// The embedded PGlite served over the PostgreSQL wire protocol, for BI tools (docs/bi.md).
//
// PGlite is one backend with one session, shared with the API. @electric-sql/pglite-socket's
// server queues each client message under PGlite's query lock only, so a BI message can run in the
// middle of one of the API's transactions (seeing its uncommitted rows; a BI error would abort
// it), and the API's statements can run between a BI client's Parse and Bind. This server takes
// turns instead: a BI connection holds PGlite's transaction lock — the one every API query and
// transaction takes — for a whole batch (up to Sync or a simple query), and keeps it while its
// own transaction is open, for at most `idleInTransactionMs` between messages. During its turn the
// session runs as the role dutylist_bi (SELECT on the BI views only, migration bi_views) with
// transactions read-only by default; after it, the session is handed back as the API left it
// (RESET ROLE, RESET ALL, the API's own settings), and the BI session's settings are kept for its
// next turn. Statements that would switch back to the superuser are refused (bi-wire-protocol.ts).

/** The role BI sessions run as (migration 20261207090000_bi_views). */
export const BI_ROLE = "dutylist_bi";

/** Where and how the wire server listens. */
export interface BiWireOptions {
  /** 0: any free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 16 (Metabase's pool alone may open 15). */
  readonly maxConnections?: number;
  /**
   * A BI transaction (or extended-protocol sequence) left open this long without a message is
   * rolled back and its connection closed, so the API is never held longer. Default 10 s.
   */
  readonly idleInTransactionMs?: number;
}

/** A listening wire server. */
export interface BiWireServer {
  readonly host: string;
  readonly port: number;
  /** The open BI connections. */
  connections(): number;
  /** Closes every BI connection (their transactions rolled back) and stops listening. */
  close(): Promise<void>;
}

type Rows = (string | null)[][];

// The settings a BI session changed, kept between its turns; never the role or read-only flags.
const SESSION_SETTINGS = `SELECT name, setting FROM pg_settings WHERE source = 'session'
  AND name NOT IN ('role', 'session_authorization', 'default_transaction_read_only', 'transaction_read_only', 'is_superuser')`;

function literal(text: string | null): string {
  return text === null ? "NULL" : `'${text.replaceAll("'", "''")}'`;
}

function setConfigs(settings: Rows): string {
  return settings
    .map(([name, value]) => `SELECT set_config(${literal(name ?? "")}, ${literal(value ?? null)}, false);`)
    .join("");
}

/** Runs the server's own SQL on the raw protocol; only while holding PGlite's query lock. */
async function raw(pglite: PGlite, sql: string): Promise<{ rows: Rows; error: string | null }> {
  return readResponse(await pglite.execProtocolRaw(queryMessage(sql), { syncToFs: false }));
}

/** Waits for PGlite's transaction lock (every API query and transaction takes it) and holds it. */
function takeTurn(pglite: PGlite): Promise<() => void> {
  return new Promise((resolve, reject) => {
    pglite._runExclusiveTransaction(() => new Promise<void>((release) => resolve(release))).catch(reject);
  });
}

interface Shared {
  readonly pglite: PGlite;
  readonly idleInTransactionMs: number;
  /** SQL that hands the session back as the API had it. */
  readonly handBack: string;
}

/** One BI client: its messages run in turns on the shared session. */
class BiConnection {
  private readonly reader = new FrameReader();
  private release: (() => void) | null = null;
  private settings: Rows = [];
  private readonly statements = new Set<string>();
  private pending: Buffer[] = [];
  private work: Promise<void> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;

  constructor(
    readonly socket: Socket,
    private readonly shared: Shared,
    private readonly prefix: string,
  ) {}

  onData(chunk: Buffer): void {
    this.reader.push(chunk);
    for (let frame = this.reader.next(); frame !== null; frame = this.reader.next()) this.onFrame(frame);
  }

  private onFrame(frame: Frame): void {
    switch (frame.kind) {
      case "ENCRYPTION_REQUEST":
        // No TLS on 127.0.0.1: the client goes on in plain text (sslmode=disable or prefer).
        this.write(Buffer.from("N"));
        return;
      case "CANCEL_REQUEST":
      case "UNSUPPORTED":
        this.socket.end();
        return;
      case "STARTUP":
        this.schedule([frame.bytes], "S");
        return;
      case "MESSAGE":
        if (frame.type === "X") {
          this.socket.end();
          return;
        }
        this.pending.push(frame.bytes);
        if (frame.type === "S" || frame.type === "Q" || frame.type === "H") {
          const batch = this.pending;
          this.pending = [];
          this.schedule(batch, frame.type);
        }
        return;
      default:
        assertNever(frame);
    }
  }

  private write(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  private schedule(batch: Buffer[], end: string): void {
    this.work = this.work
      .then(() => this.turn(batch, end))
      .catch((error: unknown) => {
        this.write(
          errorResponse(
            "FATAL",
            "XX000",
            `BI 连接出错:${error instanceof Error ? error.message : String(error)}`,
          ),
        );
        this.socket.destroy();
      });
  }

  private async turn(batch: Buffer[], end: string): Promise<void> {
    if (this.socket.destroyed) return;
    if (this.idle !== null) clearTimeout(this.idle);
    const { pglite } = this.shared;
    if (this.release === null) {
      this.release = await takeTurn(pglite);
      const entered = await pglite.runExclusive(() =>
        raw(
          pglite,
          `SET ROLE ${BI_ROLE}; SET default_transaction_read_only = on; ${setConfigs(this.settings)}`,
        ),
      );
      if (entered.error !== null) throw new Error(entered.error);
    }
    await pglite.runExclusive(() => this.send(batch));
    // Held on while the client's transaction (or an unsynced extended-protocol sequence) is open.
    if (pglite.isInTransaction() || end === "H") {
      this.idle = setTimeout(() => this.timeOut(), this.shared.idleInTransactionMs);
      return;
    }
    await this.handBack(false);
  }

  private async send(batch: readonly Buffer[]): Promise<void> {
    const { pglite } = this.shared;
    const status = () => (pglite.isInTransaction() ? "E" : "I");
    let skipping = false;
    for (let message of batch) {
      const type = String.fromCharCode(message[0] ?? 0);
      if (skipping) {
        // After a refused Parse the rest of the sequence is discarded, as the backend does after an error.
        if (type === "S") {
          skipping = false;
          this.write(readyForQuery(status()));
        }
        continue;
      }
      const sql = sqlOf(message);
      const rewrite = sql === null ? null : rewriteOf(sql);
      if (rewrite !== null) message = withSql(message, rewrite);
      const refusal = sql === null || rewrite !== null ? null : refusalOf(sql);
      if (refusal !== null) {
        this.write(errorResponse("ERROR", "42501", refusal));
        if (type === "Q") this.write(readyForQuery(status()));
        else skipping = true;
        continue;
      }
      const owned = ownNames(message, this.prefix);
      if (owned.parsed !== null) this.statements.add(owned.parsed);
      await pglite.execProtocolRawStream(owned.bytes, { syncToFs: false, onRawData: (d) => this.write(d) });
    }
  }

  private timeOut(): void {
    this.write(
      errorResponse("FATAL", "25P03", "BI 连接的事务空闲超时,已回滚并断开(它占用着与 API 共用的数据库)"),
    );
    this.socket.destroy();
  }

  /** Ends the turn: the BI session's settings kept, the session handed back, the lock released. */
  private async handBack(closing: boolean): Promise<void> {
    const { pglite } = this.shared;
    const release = this.release;
    if (release === null) return;
    try {
      await pglite.runExclusive(async () => {
        if (closing) {
          // Whatever the client left half-done: its extended sequence, its transaction, its statements.
          await pglite.execProtocolRaw(SYNC, { syncToFs: false });
          if (pglite.isInTransaction()) await raw(pglite, "ROLLBACK");
          for (const name of this.statements) await raw(pglite, `DEALLOCATE "${name.replaceAll('"', '""')}"`);
        } else {
          this.settings = (await raw(pglite, SESSION_SETTINGS)).rows;
        }
        const back = await raw(pglite, this.shared.handBack);
        if (back.error !== null) throw new Error(`BI: the session could not be handed back: ${back.error}`);
      });
    } finally {
      this.release = null;
      release();
    }
  }

  private closed: (() => void) | null = null;
  /** Settles once the socket closed and the clean-up after it is over. */
  readonly finished = new Promise<void>((resolve) => {
    this.closed = resolve;
  });

  /** After the socket closed: once the running turn is over, cleans up and releases the lock. */
  closeDown(): Promise<void> {
    if (this.idle !== null) clearTimeout(this.idle);
    this.work = this.work
      .then(async () => {
        if (this.release === null && this.statements.size > 0)
          this.release = await takeTurn(this.shared.pglite);
        await this.handBack(true);
      })
      .finally(() => this.closed?.());
    return this.work;
  }
}

/** Checks the role, keeps BI sessions from making temporary tables, and reads the API's settings. */
async function prepare(pglite: PGlite): Promise<string> {
  const role = await pglite.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [BI_ROLE]);
  if (role.rows.length === 0)
    throw new Error(`BI wire server: role ${BI_ROLE} is missing (migration bi_views)`);
  // A temporary table of the BI session would shadow the API's tables of the same name.
  await pglite.exec(
    `DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$`,
  );
  const api = await pglite.query<{ name: string; setting: string }>(SESSION_SETTINGS);
  return `RESET ROLE; RESET ALL; ${setConfigs(api.rows.map((r) => [r.name, r.setting]))}`;
}

/**
 * Serves the embedded PGlite of `db` over the PostgreSQL wire protocol to BI tools, read-only as
 * far as PGlite allows (see the file's head and docs/bi.md): BI connections take turns with the
 * API on its one session and run as the role dutylist_bi. Refused for a PostgreSQL database
 * (BI tools connect to the server itself).
 * @example const bi = await startBiWireServer(db, { port: 5433 }) // psql -h 127.0.0.1 -p 5433 -U bi postgres
 */
export async function startBiWireServer(db: Database, options: BiWireOptions): Promise<BiWireServer> {
  const pglite = db.embedded;
  if (pglite === null) throw new Error("BI wire server: only for the embedded PGlite database");
  const shared: Shared = {
    pglite,
    idleInTransactionMs: options.idleInTransactionMs ?? 10_000,
    handBack: await prepare(pglite),
  };
  const host = options.host ?? "127.0.0.1";
  const maxConnections = options.maxConnections ?? 16;
  const open = new Set<BiConnection>();
  // Every connection until its clean-up is over: closing the server waits for them all.
  const unfinished = new Set<BiConnection>();
  let next = 0;
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on("error", () => socket.destroy());
    if (open.size >= maxConnections) {
      socket.end(errorResponse("FATAL", "53300", `BI 连接数已满(至多 ${maxConnections} 个)`));
      return;
    }
    const connection = new BiConnection(socket, shared, `bi${++next}_`);
    open.add(connection);
    unfinished.add(connection);
    socket.on("data", (chunk: Buffer) => connection.onData(chunk));
    socket.on("close", () => {
      open.delete(connection);
      void connection.closeDown().finally(() => unfinished.delete(connection));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    host,
    port,
    connections: () => open.size,
    close: async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of open) connection.socket.destroy();
      await stopped;
      await Promise.allSettled([...unfinished].map((c) => c.finished));
    },
  };
}
