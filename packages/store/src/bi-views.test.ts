import {
  assess,
  buildListIndex,
  DEFAULT_COUNTY_POLICY,
  determinedPushDowns,
  isoDate,
  LIST_TYPE_NAMES,
  listsAsOf,
  ROLE_NAMES,
  recordedAsStated,
  roundForPresentation,
  whistleProgress,
} from "@dutylist/core";
import { generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BiDemo, storeBiDemo } from "./bi-demo.fixture.ts";
import { type Database, openDatabase } from "./database.ts";
import { refreshScoreSnapshots, snapshotScores } from "./score-snapshots.ts";
import { testDatabaseTarget } from "./test-database.ts";
import { loadWhistleLoop } from "./whistle-repository.ts";

// The BI views (migration bi_views) against the core, on PGlite and on PostgreSQL (DATABASE_URL).
let db: Database;
let demo: BiDemo;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_bi"));
  demo = await storeBiDemo(db);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const BI_VIEWS = [
  "list_version",
  "list_entry_fact",
  "township_score_fact",
  "department_score_fact",
  "township_score_history",
  "department_score_history",
  "determination_party_fact",
  "work_order_fact",
  "whistle_fact",
  "whistle_event_fact",
];

describe("lists as of a date (L1, L2)", () => {
  it("L2: lists_as_of gives each township the entries and the list version the core's listsAsOf gives", async () => {
    const index = buildListIndex(demo.dataset.entries);
    for (const day of ["2025-01-01", "2025-03-01", "2025-08-01", "2026-07-15"]) {
      const rows = await db.read("SELECT * FROM lists_as_of('QX', $1::date)", [day]);
      for (const township of demo.dataset.townships) {
        const lists = listsAsOf(index, township.code, isoDate(day));
        const expected = [...lists.basic, ...lists.cooperative, ...lists.reclaimed]
          .map((e) => `${e.itemCode}:${e.terms.type}:${e.id}`)
          .sort();
        const own = rows.filter((r) => r.township_code === township.code);
        expect(own.map((r) => `${r.item_code}:${r.list_type}:${r.entry_id}`).sort()).toEqual(expected);
        for (const row of own) {
          expect(row.version_number).toBe(lists.version.number);
          expect(row.version_change_id).toBe(lists.version.changeId);
          expect(row.list_type_name).toBe(LIST_TYPE_NAMES[row.list_type as keyof typeof LIST_TYPE_NAMES]);
          expect(row.county_id).toBe("QX");
        }
      }
    }
  });

  it("L1: list_entry_fact has every stored entry with its interval, and no JSON column", async () => {
    const rows = await db.read("SELECT * FROM list_entry_fact WHERE county_id = $1", ["QX"]);
    expect(rows).toHaveLength(demo.dataset.entries.length);
    const cooperative = demo.dataset.entries.find((e) => e.terms.type === "COOPERATIVE");
    const row = rows.find((r) => r.entry_id === cooperative?.id);
    if (cooperative?.terms.type !== "COOPERATIVE") throw new Error("fixture: no cooperative entry");
    expect(row?.lead_department_codes).toBe(cooperative.terms.leadDepartments.join(","));
    const types = await db.read(
      `SELECT DISTINCT table_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
      [BI_VIEWS],
    );
    expect(new Set(types.map((t) => t.table_name))).toEqual(new Set(BI_VIEWS));
    expect(types.filter((t) => /json|ARRAY/i.test(String(t.data_type)))).toEqual([]);
    const counties = await db.read(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY($1::text[]) AND column_name = 'county_id'`,
      [BI_VIEWS],
    );
    expect(counties).toHaveLength(BI_VIEWS.length);
  });
});

describe("score facts (S1–S10) from stored snapshots", () => {
  it("S9, S10: township_score_fact and department_score_fact equal the core's assessment", async () => {
    const snapshot = await snapshotScores(db, "QX", 2025);
    expect(snapshot?.snapshotId).toBeGreaterThan(0);
    const records = recordedAsStated(generateRecords(demo.plan, demo.dataset, { seed: 2025 }));
    const report = assess(demo.plan, demo.dataset, records, {
      determinedPushDowns: determinedPushDowns(demo.determinations),
    });
    const show = (v: Parameters<typeof roundForPresentation>[0]) =>
      roundForPresentation(v, DEFAULT_COUNTY_POLICY.rounding);
    const townships = await db.read(
      "SELECT * FROM township_score_fact WHERE county_id = 'QX' AND year = 2025 ORDER BY rank, township_code",
      [],
    );
    expect(townships).toHaveLength(report.townships.length);
    for (const t of report.townships) {
      const row = townships.find((r) => r.township_code === t.assessment.townshipCode);
      expect(row).toMatchObject({ rank: t.rank, grade: t.grade, township_name: t.name, is_current: true });
      expect(Number(row?.total_score)).toBe(Number(show(t.assessment.total)));
      expect(Number(row?.core_score)).toBe(Number(show(t.assessment.core.score)));
      expect(Number(row?.collaborative_score)).toBe(Number(show(t.assessment.collaborative.score)));
    }
    const departments = await db.read("SELECT * FROM department_score_fact WHERE county_id = 'QX'", []);
    expect(departments).toHaveLength(report.departments.length);
    for (const d of report.departments) {
      const row = departments.find((r) => r.department_code === d.assessment.departmentCode);
      expect(row).toMatchObject({ rank: d.rank, grade: d.grade });
      expect(Number(row?.total_score)).toBe(Number(show(d.assessment.total)));
    }
  });

  it("L2: a later write leaves the snapshot standing but no longer current; a refresh adds a newer one", async () => {
    const before = await db.read(
      "SELECT snapshot_id FROM township_score_fact WHERE county_id = 'QX' LIMIT 1",
      [],
    );
    // Any write of the county bumps its revision (migration county_revision).
    await db.prisma.$executeRawUnsafe("UPDATE county SET name = name WHERE id = 'QX'");
    const stale = await db.read(
      "SELECT DISTINCT is_current FROM township_score_fact WHERE county_id = 'QX'",
      [],
    );
    expect(stale).toEqual([{ is_current: false }]);
    expect(await refreshScoreSnapshots(db)).toHaveLength(1);
    expect(await refreshScoreSnapshots(db)).toHaveLength(0);
    const after = await db.read(
      "SELECT DISTINCT snapshot_id, is_current FROM township_score_fact WHERE county_id = 'QX'",
      [],
    );
    expect(after).toEqual([{ snapshot_id: Number(before[0]?.snapshot_id) + 1, is_current: true }]);
    const history = await db.read(
      "SELECT count(DISTINCT snapshot_id)::int AS n FROM township_score_history WHERE county_id = 'QX'",
      [],
    );
    expect(history).toEqual([{ n: 2 }]);
  });
});

describe("determinations, work orders, whistles", () => {
  it("A1–A11: one row per party and case, with the Chinese role, the rule ids and the list version cited", async () => {
    const rows = await db.read("SELECT * FROM determination_party_fact WHERE county_id = 'QX'", []);
    expect(rows).toHaveLength(demo.determinations.reduce((n, d) => n + d.parties.length, 0));
    for (const d of demo.determinations) {
      for (const p of d.parties) {
        const row = rows.find(
          (r) =>
            r.decision_id === d.decisionId && r.party_code === p.party.code && r.party_kind === p.party.kind,
        );
        expect(row).toMatchObject({
          role_code: p.role,
          role_name: ROLE_NAMES[p.role],
          rule_ids: p.ruleIds.join(","),
          list_type: d.listType,
          list_version_number: d.listVersion.number,
          list_version_change_id: d.listVersion.changeId,
          item_code:
            d.entry?.itemCode ?? (d.failure.subject.kind === "ITEM" ? d.failure.subject.itemCode : null),
        });
      }
    }
  });

  it("H1, H2: a corrected work order shows both dispatches; a whistle shows where its loop stands", async () => {
    const [order] = await db.read("SELECT * FROM work_order_fact WHERE county_id = 'QX'", []);
    expect(order).toMatchObject({
      work_order_id: "WO-BI-1",
      machine_item_code: "CJ-006",
      item_code: "SL-001",
      corrected: true,
      correction_count: 1,
    });
    expect(order?.list_type_name).toBe(LIST_TYPE_NAMES[order?.list_type as keyof typeof LIST_TYPE_NAMES]);
    const [whistle] = await db.read(
      "SELECT *, answered_on::text AS answered FROM whistle_fact WHERE county_id = 'QX' AND whistle_id = 'W-BI-1'",
      [],
    );
    expect(whistle).toMatchObject({ whistle_id: "W-BI-1", status: "CLOSED", status_name: "已办结待确认" });
    // H2: answered by the loop's first report
    expect(whistle?.answered).toBe("2026-06-03");
    const steps = await db.read(
      "SELECT step_name FROM whistle_event_fact WHERE county_id = 'QX' AND whistle_id = 'W-BI-1' ORDER BY seq",
      [],
    );
    expect(steps.map((s) => s.step_name)).toEqual(["报到", "办结"]);
  });
});

describe("whistles as the core folds their loops", () => {
  it("H2, S5: whistle_fact gives each whistle the core's status, answer date, closing and reopenings", async () => {
    const loop = await loadWhistleLoop(db, "QX", isoDate("2026-01-01"), isoDate("2027-01-01"));
    const rows = await db.read(
      `SELECT whistle_id, status, answered_on::text AS answered, closed_on::text AS closed,
        confirmed_on::text AS confirmed, reopen_count, answered_in_time, due_on::text AS due
       FROM whistle_fact WHERE county_id = 'QX' AND whistle_id LIKE 'W-BI-%' ORDER BY whistle_id`,
      [],
    );
    const mine = loop.whistles.filter((w) => w.id.startsWith("W-BI-"));
    expect(rows).toHaveLength(4);
    // the fixture's loops: closed; answered before the loop (no steps); reopened; answered late
    expect(rows.map((r) => r.status)).toEqual(["CLOSED", "REPORTED", "REPORTED", "REPORTED"]);
    for (const w of mine) {
      const progress = whistleProgress(
        w,
        loop.events.filter((e) => e.whistleId === w.id),
      );
      expect(rows.find((r) => r.whistle_id === w.id)).toEqual({
        whistle_id: w.id,
        status: progress.status,
        answered: progress.reportedOn,
        closed: progress.closedOn,
        confirmed: progress.confirmedOn,
        reopen_count: progress.reopenings,
        answered_in_time: progress.answeredInTime,
        due: progress.deadline,
      });
    }
  });
});

describe("the read-only role", () => {
  it("dutylist_bi may read every view and the function, and no base table", async () => {
    const [grants] = await db.read(
      `SELECT bool_and(has_table_privilege('dutylist_bi', v, 'SELECT')) AS views,
        bool_or(has_table_privilege('dutylist_bi', t, 'SELECT')) AS tables,
        bool_or(has_table_privilege('dutylist_bi', v, 'INSERT')) AS writes,
        has_function_privilege('dutylist_bi', 'lists_as_of(text, date)', 'EXECUTE') AS fn
       FROM unnest($1::text[]) AS v, unnest($2::text[]) AS t GROUP BY fn`,
      [BI_VIEWS, ["list_entry", "township", "determination", "score_snapshot", "work_order", "change_log"]],
    );
    expect(grants).toEqual({ views: true, tables: false, writes: false, fn: true });
  });
});
