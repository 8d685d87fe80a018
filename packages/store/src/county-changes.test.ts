import {
  approveAdjustment,
  type CountyDataset,
  closeTemporaryTask,
  isoDate,
  proposeAdjustment,
  publishAdjustment,
  type Result,
  registerTemporaryTask,
} from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Database,
  loadCountyDataset,
  openDatabase,
  saveCountyChanges,
  saveCountyDataset,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
});
afterAll(async () => {
  await db?.close();
});

async function stored(): Promise<CountyDataset> {
  const dataset = await loadCountyDataset(db, "QX");
  if (dataset === null) throw new Error("QX is not stored");
  return dataset;
}

function accepted<T extends { dataset: CountyDataset }>(
  result: Result<T, { message: string }>,
): CountyDataset {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value.dataset;
}

const byId = <T extends { id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The stored county equals the core's value, compared as loadCountyDataset orders it. */
function expectSame(actual: CountyDataset, expected: CountyDataset): void {
  expect(byId(actual.entries)).toEqual(byId(expected.entries));
  expect(actual.adjustments).toEqual(byId(expected.adjustments));
  expect(actual.temporaryTasks).toEqual(byId(expected.temporaryTasks));
  expect(actual.items).toEqual([...expected.items].sort((a, b) => (a.code < b.code ? -1 : 1)));
}

const task = {
  id: "QX-TT-2025-09",
  decision: {
    authority: "COUNTY_GOVERNMENT" as const,
    documentNo: "青政办发〔2025〕51号",
    title: "《冬季森林防火专项检查方案》",
    decidedOn: isoDate("2025-11-02"),
  },
  requestingDepartment: "LYJ",
  townshipCodes: ["QX-SM"],
  content: "冬季森林防火专项检查",
  townshipRole: "ASSIST" as const,
  startsOn: isoDate("2025-11-10"),
  plannedEndOn: isoDate("2025-12-20"),
  registeredOn: isoDate("2025-11-01"),
  recordedOn: isoDate("2025-11-01"),
};

describe("saveCountyChanges writes only what an operation of the core changed", () => {
  it("stores a registration and a closing so that the county loads back as the core left it", async () => {
    const before = await stored();
    const registered = accepted(registerTemporaryTask(before, task));
    expect(await saveCountyChanges(db, before, registered, testStamp("saveCountyChanges"))).toEqual({
      ok: true,
      value: { inserted: 1, updated: 0 },
    });
    expectSame(await stored(), registered);

    const closed = accepted(
      closeTemporaryTask(registered, task.id, isoDate("2025-12-18"), "检查完成", isoDate("2025-12-18")),
    );
    expect(await saveCountyChanges(db, await stored(), closed, testStamp("saveCountyChanges"))).toEqual({
      ok: true,
      value: { inserted: 0, updated: 1 },
    });
    expectSame(await stored(), closed);
  });

  it("stores a proposal, its approvals and its publication: new items, closed and opened entries (L2)", async () => {
    let expected = await stored();
    const steps: ((d: CountyDataset) => CountyDataset)[] = [
      (d) =>
        accepted(
          proposeAdjustment(d, {
            id: "QX-ADJ-2025-09",
            title: "石门乡食品安全隐患排查改为基本事项、新增林下经济服务",
            reason: "乡镇申请",
            trigger: { kind: "TOWNSHIP_APPLICATION", reference: "石政〔2025〕9号" },
            proposer: { kind: "TOWNSHIP", townshipCode: "QX-SM" },
            proposedOn: isoDate("2025-10-08"),
            recordedOn: isoDate("2025-10-08"),
            changes: [
              { kind: "RECLASSIFY", townshipCode: "QX-SM", itemCode: "MS-002", terms: { type: "BASIC" } },
              {
                kind: "ADD",
                townshipCode: "QX-SM",
                itemCode: "LY-009",
                terms: { type: "BASIC" },
                content: { category: "乡村振兴", name: "林下经济服务", tasks: ["指导林下种养"], basis: [] },
              },
            ],
          }),
        ),
      (d) =>
        accepted(
          approveAdjustment(d, "QX-ADJ-2025-09", {
            level: "COUNTY",
            authority: "青溪县委机构编制委员会",
            approvedOn: isoDate("2025-10-20"),
            documentNo: null,
            recordedOn: isoDate("2025-10-20"),
          }),
        ),
      (d) =>
        accepted(
          publishAdjustment(d, "QX-ADJ-2025-09", {
            publishedOn: isoDate("2025-10-25"),
            effectiveFrom: isoDate("2025-11-01"),
            recordedOn: isoDate("2025-10-25"),
          }),
        ),
    ];
    for (const step of steps) {
      const before = await stored();
      expected = step(before);
      const saved = await saveCountyChanges(db, before, expected, testStamp("saveCountyChanges"));
      expect(saved.ok).toBe(true);
      expectSame(await stored(), expected);
    }
    const after = await stored();
    expect(after.entries.find((e) => e.id === "QX-SM/MS-002")).toMatchObject({
      effectiveTo: "2025-11-01",
      closedBy: "QX-ADJ-2025-09",
    });
    expect(after.items.map((i) => i.code)).toContain("LY-009");
  });

  it("refuses, writing nothing, when the county changed since it was loaded", async () => {
    const stale = await stored();
    const first = accepted(
      approveAdjustment(stale, "QX-ADJ-2025-03", {
        level: "COUNTY",
        authority: "青溪县委机构编制委员会",
        approvedOn: isoDate("2025-10-30"),
        documentNo: null,
        recordedOn: isoDate("2025-10-30"),
      }),
    );
    expect((await saveCountyChanges(db, stale, first, testStamp("saveCountyChanges"))).ok).toBe(true);
    const current = await stored();

    // Decided on the stale copy: another approval at the same level, then a closing.
    const racing = accepted(
      approveAdjustment(stale, "QX-ADJ-2025-03", {
        level: "COUNTY",
        authority: "另一个机关",
        approvedOn: isoDate("2025-10-31"),
        documentNo: null,
        recordedOn: isoDate("2025-10-31"),
      }),
    );
    const result = await saveCountyChanges(db, stale, racing, testStamp("saveCountyChanges"));
    expect(result).toMatchObject({ ok: false, errors: [{ _tag: "STORE_CONFLICT", target: "county" }] });
    const closing = accepted(
      closeTemporaryTask(stale, "QX-TT-2025-02", isoDate("2025-12-01"), "完成", isoDate("2025-12-01")),
    );
    expect((await saveCountyChanges(db, stale, closing, testStamp("saveCountyChanges"))).ok).toBe(false);
    expect(await stored()).toEqual(current);
  });

  it("throws on a change the core never makes: an entry edited instead of closed", async () => {
    const before = await stored();
    const [entry, ...rest] = before.entries;
    if (entry === undefined) throw new Error("no entries");
    const edited = {
      ...before,
      entries: [{ ...entry, content: { ...entry.content, name: "改名" } }, ...rest],
    };
    await expect(saveCountyChanges(db, before, edited, testStamp("saveCountyChanges"))).rejects.toThrow(
      /edited, not closed/,
    );
    const removed = { ...before, entries: rest };
    await expect(saveCountyChanges(db, before, removed, testStamp("saveCountyChanges"))).rejects.toThrow(
      /would be deleted/,
    );
  });
});
