import { DEFAULT_COUNTY_POLICY } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countyRevision,
  type Database,
  loadCountyPolicy,
  openDatabase,
  saveCountyDataset,
  saveCountyPolicy,
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

describe("county policy (政策设定,非规则), stored per county", () => {
  it("Policy: a county that set nothing has the defaults", async () => {
    expect(await loadCountyPolicy(db, "QX")).toEqual(DEFAULT_COUNTY_POLICY);
    expect(await loadCountyPolicy(db, "NOWHERE")).toEqual(DEFAULT_COUNTY_POLICY);
  });

  it("Policy: the settings a county changes are stored over the defaults and move its revision", async () => {
    const before = await countyRevision(db, "QX");
    const saved = await saveCountyPolicy(
      db,
      "QX",
      { quotaTies: "ALL", resemblanceThreshold: "0.7" },
      testStamp("saveCountyPolicy"),
    );
    expect(saved).toEqual({
      ok: true,
      value: { ...DEFAULT_COUNTY_POLICY, quotaTies: "ALL", resemblanceThreshold: "0.7" },
    });
    expect(await loadCountyPolicy(db, "QX")).toEqual({
      ...DEFAULT_COUNTY_POLICY,
      quotaTies: "ALL",
      resemblanceThreshold: "0.7",
    });
    expect(await countyRevision(db, "QX")).toBeGreaterThan(before);
    // Saving the county's lists again keeps its policy.
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    expect((await loadCountyPolicy(db, "QX")).quotaTies).toBe("ALL");
    // Setting nothing goes back to the defaults.
    await saveCountyPolicy(db, "QX", {}, testStamp("saveCountyPolicy"));
    expect(await loadCountyPolicy(db, "QX")).toEqual(DEFAULT_COUNTY_POLICY);
  });

  it("Policy: invalid settings are refused naming the field, and nothing is stored", async () => {
    const refused = await saveCountyPolicy(
      db,
      "QX",
      { resemblanceThreshold: "2" },
      testStamp("saveCountyPolicy"),
    );
    expect(refused.ok ? [] : refused.errors.map((e) => e._tag === "INVALID_FIELD" && e.field)).toEqual([
      "resemblanceThreshold",
    ]);
    expect(await loadCountyPolicy(db, "QX")).toEqual(DEFAULT_COUNTY_POLICY);
    const unknown = await saveCountyPolicy(db, "NOWHERE", {}, testStamp("saveCountyPolicy"));
    expect(unknown.ok ? null : unknown.errors[0]?._tag).toBe("STORE_MISSING_REFERENCE");
  });
});
