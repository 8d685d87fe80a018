import { describe, expect, it } from "vitest";
import {
  FrameReader,
  ownNames,
  queryMessage,
  refusalOf,
  rewriteOf,
  sqlOf,
  withSql,
} from "./bi-wire-protocol.ts";

function parse(name: string, sql: string): Buffer {
  const body = Buffer.concat([Buffer.from(`${name}\0${sql}\0`), Buffer.from([0, 0])]);
  const head = Buffer.from([0x50, 0, 0, 0, 0]);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

describe("the BI session's screen", () => {
  it("refuses the ways back to the superuser, however written, and lets ordinary reads through", () => {
    for (const sql of [
      "SET ROLE postgres",
      "set local role postgres",
      "RESET ROLE",
      "SET SESSION AUTHORIZATION postgres",
      "reset session authorization",
      "SELECT set_config('role', 'postgres', false)",
      "SELECT pg_catalog.set_config('session_authorization', 'postgres', false)",
      "select 1; discard all",
      "DO $$ BEGIN EXECUTE 'RESET ROLE'; END $$",
      "SET/**/ROLE postgres",
      'SET "role" TO postgres',
      "SET --\nROLE postgres",
      "SELECT query_to_xml('select 1', true, true, '')",
      "SELECT U&\"\\0073et_config\"('role', 'postgres', false)",
    ])
      expect(refusalOf(sql), sql).not.toBeNull();
    for (const sql of [
      "SELECT role_code, role_name FROM determination_party_fact",
      "SELECT rolname FROM pg_roles",
      "SELECT * FROM lists_as_of('QX', '2025-08-01')",
      "SET DateStyle = 'ISO'",
      "SELECT 'do it' AS note",
    ])
      expect(refusalOf(sql), sql).toBeNull();
  });

  it("DISCARD ALL alone runs as RESET ALL; within other statements it is refused", () => {
    expect(rewriteOf("DISCARD ALL")).toBe("RESET ALL");
    expect(rewriteOf(" discard  all; ")).toBe("RESET ALL");
    expect(rewriteOf("SELECT 1; DISCARD ALL")).toBeNull();
    expect(sqlOf(withSql(parse("s", "DISCARD ALL"), "RESET ALL"))).toBe("RESET ALL");
    expect(sqlOf(withSql(queryMessage("DISCARD ALL"), "RESET ALL"))).toBe("RESET ALL");
  });
});

describe("the connection's own names", () => {
  it("prefixes named statements and keeps the unnamed one unnamed", () => {
    const named = ownNames(parse("S_1", "SELECT 1"), "bi7_");
    expect(named.parsed).toBe("bi7_S_1");
    expect(sqlOf(named.bytes)).toBe("SELECT 1");
    expect(named.bytes.readInt32BE(1)).toBe(named.bytes.length - 1);
    expect(ownNames(parse("", "SELECT 1"), "bi7_").parsed).toBeNull();
  });

  it("splits a stream into the start-up and typed messages, whatever the chunks", () => {
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8, 0);
    startup.writeInt32BE(196608, 4);
    const stream = Buffer.concat([startup, queryMessage("SELECT 1"), parse("", "SELECT 2")]);
    const reader = new FrameReader();
    const kinds: string[] = [];
    for (const byte of stream) {
      reader.push(Buffer.from([byte]));
      for (let f = reader.next(); f !== null; f = reader.next())
        kinds.push(f.kind === "MESSAGE" ? `${f.type}:${sqlOf(f.bytes)}` : f.kind);
    }
    expect(kinds).toEqual(["STARTUP", "Q:SELECT 1", "P:SELECT 2"]);
  });
});
