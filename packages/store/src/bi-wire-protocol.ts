// The bits of the PostgreSQL frontend/backend protocol (version 3) the BI wire server needs: how a
// client's bytes split into messages, the names its prepared statements and portals carry (made
// the connection's own), the statements a BI session may not send, and the few backend messages
// the server writes itself. https://www.postgresql.org/docs/current/protocol-message-formats.html

import { CANCEL_REQUEST_CODE, SSL_REQUEST_CODE } from "@electric-sql/pglite-socket";

// pglite-socket's codes for the requests before start-up; GSSAPI encryption (libpq asks for it
// first when built with it) and protocol 3.0 are not among them.
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;

/** One unit of a client's stream: a request before start-up, the start-up itself, or a typed message. */
export type Frame =
  | { readonly kind: "ENCRYPTION_REQUEST" | "CANCEL_REQUEST" | "UNSUPPORTED" }
  | { readonly kind: "STARTUP"; readonly bytes: Buffer }
  | { readonly kind: "MESSAGE"; readonly type: string; readonly bytes: Buffer };

/** Splits a client's byte stream into frames: untyped ones until the start-up, typed ones after. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete frame, or null until more bytes arrive. */
  next(): Frame | null {
    if (!this.started) {
      if (this.buffer.length < 8) return null;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return null;
      const bytes = this.take(length);
      const code = bytes.readInt32BE(4);
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST) return { kind: "ENCRYPTION_REQUEST" };
      if (code === CANCEL_REQUEST_CODE) return { kind: "CANCEL_REQUEST" };
      if (code !== PROTOCOL_3) return { kind: "UNSUPPORTED" };
      this.started = true;
      return { kind: "STARTUP", bytes };
    }
    if (this.buffer.length < 5) return null;
    const length = this.buffer.readInt32BE(1) + 1;
    if (this.buffer.length < length) return null;
    const bytes = this.take(length);
    return { kind: "MESSAGE", type: String.fromCharCode(bytes[0] ?? 0), bytes };
  }

  private take(length: number): Buffer {
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }
}

function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, "utf8");
}

/** A simple-query message ('Q'). */
export function queryMessage(sql: string): Buffer {
  return typed("Q", cstring(sql));
}

/** A Sync message ('S'). */
export const SYNC = typed("S", Buffer.alloc(0));

/** An ErrorResponse ('E') with severity, SQLSTATE and message. */
export function errorResponse(severity: "ERROR" | "FATAL", code: string, message: string): Buffer {
  return typed(
    "E",
    Buffer.concat([
      Buffer.from("S"),
      cstring(severity),
      Buffer.from("V"),
      cstring(severity),
      Buffer.from("C"),
      cstring(code),
      Buffer.from("M"),
      cstring(message),
      Buffer.from([0]),
    ]),
  );
}

/** A ReadyForQuery ('Z'): idle, in a transaction, or in a failed one. */
export function readyForQuery(status: "I" | "T" | "E"): Buffer {
  return typed("Z", Buffer.from(status, "latin1"));
}

/** What the backend answered to the server's own statements: rows as text, and the first error. */
export function readResponse(bytes: Uint8Array): { rows: (string | null)[][]; error: string | null } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: (string | null)[][] = [];
  let error: string | null = null;
  for (let at = 0; at + 5 <= b.length; ) {
    const type = String.fromCharCode(b[at] ?? 0);
    const end = at + 1 + b.readInt32BE(at + 1);
    if (type === "D") {
      const row: (string | null)[] = [];
      let p = at + 7;
      for (let n = b.readInt16BE(at + 5); n > 0; n--) {
        const length = b.readInt32BE(p);
        p += 4;
        row.push(length < 0 ? null : b.toString("utf8", p, p + length));
        if (length > 0) p += length;
      }
      rows.push(row);
    } else if (type === "E" && error === null) {
      error = errorText(b.subarray(at + 5, end));
    }
    at = end;
  }
  return { rows, error };
}

function errorText(fields: Buffer): string {
  for (let p = 0; p < fields.length && fields[p] !== 0; ) {
    const code = String.fromCharCode(fields[p] ?? 0);
    const end = fields.indexOf(0, p + 1);
    if (code === "M") return fields.toString("utf8", p + 1, end);
    p = end + 1;
  }
  return "unknown error";
}

/** The SQL text of a simple query ('Q') or a Parse ('P'), else null. */
export function sqlOf(message: Buffer): string | null {
  const type = String.fromCharCode(message[0] ?? 0);
  if (type === "Q") return message.toString("utf8", 5, message.indexOf(0, 5));
  if (type !== "P") return null;
  const afterName = message.indexOf(0, 5) + 1;
  return message.toString("utf8", afterName, message.indexOf(0, afterName));
}

/**
 * The message with its prepared-statement and portal names made the connection's own: the BI
 * connections share one backend, where two JDBC clients' "S_1" would otherwise meet. The unnamed
 * statement and portal stay unnamed. Returns the message and the statement name it parses, if any.
 */
export function ownNames(message: Buffer, prefix: string): { bytes: Buffer; parsed: string | null } {
  const type = String.fromCharCode(message[0] ?? 0);
  const body = message.subarray(5);
  const own = (name: string) => (name === "" ? "" : `${prefix}${name}`);
  const split = (from: number) => {
    const end = body.indexOf(0, from);
    return { name: body.toString("utf8", from, end), next: end + 1 };
  };
  if (type === "P") {
    const { name, next } = split(0);
    return {
      bytes: typed("P", Buffer.concat([cstring(own(name)), body.subarray(next)])),
      parsed: own(name) || null,
    };
  }
  if (type === "B") {
    const portal = split(0);
    const statement = split(portal.next);
    const rest = body.subarray(statement.next);
    return {
      bytes: typed("B", Buffer.concat([cstring(own(portal.name)), cstring(own(statement.name)), rest])),
      parsed: null,
    };
  }
  if (type === "E") {
    const { name, next } = split(0);
    return { bytes: typed("E", Buffer.concat([cstring(own(name)), body.subarray(next)])), parsed: null };
  }
  if (type === "D" || type === "C") {
    const { name } = split(1);
    return { bytes: typed(type, Buffer.concat([body.subarray(0, 1), cstring(own(name))])), parsed: null };
  }
  return { bytes: message, parsed: null };
}

// Ways back to the superuser a BI session must not take (its session user is PGlite's one
// superuser, so SET ROLE alone could undo the read-only role), and ways to hide them.
const REFUSED: readonly RegExp[] = [
  /\b(set|reset)\s+(session\s+|local\s+)?(role|session_authorization|session\s+authorization)\b/,
  /\bset_config\b/,
  /\bdiscard\s+all\b/,
  /(^|;)\s*do\b/,
  /\bquery_to_xml/,
  /\bu&["']/,
];

/**
 * The message with another SQL text: a simple query's, or a Parse's (name and parameter types kept).
 * @example withSql(message, "RESET ALL")
 */
export function withSql(message: Buffer, sql: string): Buffer {
  const type = String.fromCharCode(message[0] ?? 0);
  if (type === "Q") return queryMessage(sql);
  const nameEnd = message.indexOf(0, 5);
  const queryEnd = message.indexOf(0, nameEnd + 1);
  return typed(
    "P",
    Buffer.concat([message.subarray(5, nameEnd + 1), cstring(sql), message.subarray(queryEnd + 1)]),
  );
}

/**
 * What a BI session's statement becomes when it must not run as sent: DISCARD ALL, which
 * connection pools (Npgsql, Power BI's driver) send when they reuse a connection, would also reset
 * the session's role; RESET ALL does the rest of its work that matters here. Else null.
 * @example rewriteOf("DISCARD ALL") // "RESET ALL"
 */
export function rewriteOf(sql: string): string | null {
  return /^\s*discard\s+all\s*;?\s*$/i.test(sql) ? "RESET ALL" : null;
}

/**
 * Why a BI session may not send this SQL, or null: a statement that would take it back to the
 * superuser (SET ROLE, SET SESSION AUTHORIZATION, set_config, DISCARD ALL, DO blocks, …), checked on
 * the text as sent, without comments and without quotes around names.
 * @example refusalOf("RESET ROLE") // "BI 连接为只读:不允许 …"
 */
export function refusalOf(sql: string): string | null {
  const lower = sql.toLowerCase();
  const bare = lower.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/--[^\n]*/g, " ");
  for (const text of [lower, bare, bare.replaceAll('"', "")]) {
    const normalized = text.replace(/\s+/g, " ").trim();
    if (REFUSED.some((pattern) => pattern.test(normalized)))
      return "BI 连接为只读:不允许切换角色或会话身份(SET ROLE、SET SESSION AUTHORIZATION、set_config、DISCARD ALL、DO 等),见 docs/bi.md";
  }
  return null;
}
