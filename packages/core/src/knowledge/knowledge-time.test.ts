import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import type { Result } from "../base/result.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import { registerTemporaryTask, type TemporaryTaskRegistration } from "../ledger/task-registration.ts";
import { buildListIndex } from "../lists/list-index.ts";
import { listsAsOf } from "../lists/lists-as-of.ts";
import type { Determination } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import { demoCounty } from "../testing/demo-county.ts";
import { datasetAsKnownOn, latestRecording } from "./dataset-as-known-on.ts";
import { recordedLate } from "./recorded-late.ts";

const demo = demoCounty();

function unwrap<T>(result: Result<T, { readonly message: string }>): T {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value;
}

function roles(determination: Determination): string[] {
  return determination.parties.map((p) => `${p.party.code}:${p.role}`);
}

// 占道经营查处 (CJ-001) in 城关镇 was reclaimed to 县综合行政执法局 by QX-ADJ-2025-01, published
// on 20 June and in force from 1 July.
const roadside: FailureCase = {
  townshipCode: "QX-CG",
  date: isoDate("2025-07-15"),
  subject: { kind: "ITEM", itemCode: "CJ-001" },
  findings: { townshipAtFault: true },
};

describe("L2 knowledge time: the county as known on a day", () => {
  it("L2: the lists of 15 July as known on 10 June still hold CJ-001 as basic; as known in December, reclaimed", () => {
    const june = datasetAsKnownOn(demo, isoDate("2025-06-10"));
    const december = datasetAsKnownOn(demo, isoDate("2025-12-01"));
    const inJune = listsAsOf(buildListIndex(june.entries), "QX-CG", isoDate("2025-07-15"));
    const inDecember = listsAsOf(buildListIndex(december.entries), "QX-CG", isoDate("2025-07-15"));
    expect(inJune.basic.map((e) => e.itemCode)).toContain("CJ-001");
    expect(inJune.reclaimed.map((e) => e.itemCode)).not.toContain("CJ-001");
    expect(inJune.version.changeId).toBe("QX-2025");
    expect(inDecember.reclaimed.find((e) => e.itemCode === "CJ-001")?.terms).toMatchObject({
      type: "RECLAIMED",
      receivingDepartment: "ZHZFJ",
    });
    expect(inDecember.version.changeId).toBe("QX-ADJ-2025-01");
    // The adjustment was proposed (6 May) and approved by the county (10 June) by then, not published.
    const adjustment = june.adjustments.find((a) => a.id === "QX-ADJ-2025-01");
    expect(adjustment?.approvals.map((a) => a.level)).toEqual(["COUNTY"]);
    expect(adjustment?.publication).toBeNull();
  });

  it("L2, A9: a determination about 15 July as known on 10 June answers from that day's records and cites the knowledge date", () => {
    const june = unwrap(
      determineResponsibility(prepareDeterminations(demo, { knownOn: isoDate("2025-06-10") }), roadside),
    );
    const december = unwrap(
      determineResponsibility(prepareDeterminations(demo, { knownOn: isoDate("2025-12-01") }), roadside),
    );
    expect(june.knownOn).toBe("2025-06-10");
    expect(june.listType).toBe("BASIC");
    expect(june.parties[0]).toMatchObject({ role: "PRIMARY", ruleIds: expect.arrayContaining(["A1"]) });
    expect(june.listVersion.changeId).toBe("QX-2025");
    expect(december.knownOn).toBe("2025-12-01");
    expect(december.listType).toBe("RECLAIMED");
    expect(roles(december)).toContain("QX-CG:NONE");
    expect(roles(december)).toContain("ZHZFJ:PRIMARY");
    expect(december.listVersion.changeId).toBe("QX-ADJ-2025-01");
    expect(june.decisionId).not.toBe(december.decisionId);
  });

  it("L2: asking as known on or after the last recording changes nothing, the decision id included", () => {
    const latest = latestRecording(demo);
    expect(latest).not.toBeNull();
    expect(datasetAsKnownOn(demo, isoDate("2026-12-04"))).toBe(demo);
    const plain = unwrap(determineResponsibility(prepareDeterminations(demo), roadside));
    const known = unwrap(
      determineResponsibility(prepareDeterminations(demo, { knownOn: isoDate("2026-12-04") }), roadside),
    );
    expect({ ...known, knownOn: null }).toEqual(plain);
  });

  it("L2: what was recorded late — the closing of QX-TT-2025-01 (15 July) entered on 22 July", () => {
    expect(recordedLate(demo)).toEqual([
      expect.objectContaining({
        kind: "TASK_CLOSING",
        id: "QX-TT-2025-01",
        speaksAbout: "2025-07-15",
        recordedOn: "2025-07-22",
      }),
    ]);
    expect(
      recordedLate(demo, { about: isoDate("2025-07-16"), recordedAfter: isoDate("2025-07-20") }),
    ).toHaveLength(1);
    expect(recordedLate(demo, { recordedAfter: isoDate("2025-07-22") })).toEqual([]);
    // As known on 18 July the task was still open (overdue since 11 July): the closing was not on record.
    const july = datasetAsKnownOn(demo, isoDate("2025-07-18"));
    expect(july.temporaryTasks.find((t) => t.id === "QX-TT-2025-01")?.closedOn).toBeNull();
  });
});

describe("L5 登记在前: a task covers a township only from its registration", () => {
  // 002: 清单之外临时性、阶段性需要乡镇(街道)配合的工作 … 登记 — registering after the fact must not
  // turn an earlier push-down into registered work.
  const registration: TemporaryTaskRegistration = {
    id: "QX-TT-LATE",
    decision: {
      authority: "COUNTY_GOVERNMENT",
      documentNo: "青政办发〔2025〕40号",
      title: "《关于开展农村人居环境整治回头看的通知》",
      decidedOn: isoDate("2025-04-28"),
    },
    requestingDepartment: "NYNCJ",
    townshipCodes: ["QX-TY"],
    content: "农村人居环境整治回头看",
    townshipRole: "ASSIST",
    startsOn: isoDate("2025-05-01"),
    plannedEndOn: isoDate("2025-08-31"),
    registeredOn: isoDate("2025-05-10"),
    recordedOn: isoDate("2025-05-10"),
  };
  const late = unwrap(registerTemporaryTask(demo, registration)).dataset;
  const pushDown = (date: string): FailureCase => ({
    townshipCode: "QX-TY",
    date: isoDate(date),
    subject: { kind: "MATTER", description: "农村人居环境整治回头看" },
    findings: { townshipAtFault: true, pushedDownBy: "NYNCJ", temporaryTaskId: "QX-TT-LATE" },
  });

  it("L5, A4: a push-down on 5 May stays an unregistered push-down after a registration of 10 May with a start of 1 May", () => {
    const { temporaryTaskId: _named, ...unnamed } = pushDown("2025-05-05").findings;
    const before = unwrap(
      determineResponsibility(prepareDeterminations(demo), { ...pushDown("2025-05-05"), findings: unnamed }),
    );
    const after = unwrap(determineResponsibility(prepareDeterminations(late), pushDown("2025-05-05")));
    expect(after.listType).toBe("OFF_LIST");
    expect(after.temporaryTask).toBeNull();
    expect(roles(after)).toEqual(expect.arrayContaining(["QX-TY:NONE", "NYNCJ:PRIMARY"]));
    expect(after.violations.map((v) => [v.ruleId, v.code, v.departmentCode])).toEqual([
      ["A4", "UNREGISTERED_PUSH_DOWN", "NYNCJ"],
    ]);
    expect(roles(after)).toEqual(roles(before));
  });

  it("L5, A5: from its registration on 10 May the task covers the township", () => {
    const covered = unwrap(determineResponsibility(prepareDeterminations(late), pushDown("2025-05-12")));
    expect(covered.listType).toBe("TEMPORARY");
    expect(covered.temporaryTask?.id).toBe("QX-TT-LATE");
    expect(covered.violations).toEqual([]);
  });

  it("L2, L5: a registration dated before the day it was entered is reported as recorded late, and unknown before", () => {
    const backdated = unwrap(
      registerTemporaryTask(demo, {
        ...registration,
        registeredOn: isoDate("2025-05-01"),
        recordedOn: isoDate("2025-05-10"),
      }),
    ).dataset;
    expect(
      recordedLate(backdated, { about: isoDate("2025-05-05"), recordedAfter: isoDate("2025-05-05") }),
    ).toEqual([
      expect.objectContaining({
        kind: "TASK_REGISTRATION",
        id: "QX-TT-LATE",
        speaksAbout: "2025-05-01",
        recordedOn: "2025-05-10",
      }),
    ]);
    const asKnown = unwrap(
      determineResponsibility(prepareDeterminations(backdated, { knownOn: isoDate("2025-05-05") }), {
        ...pushDown("2025-05-05"),
        findings: { townshipAtFault: true, pushedDownBy: "NYNCJ" },
      }),
    );
    expect(asKnown.listType).toBe("OFF_LIST");
    expect(roles(asKnown)).toEqual(expect.arrayContaining(["QX-TY:NONE", "NYNCJ:PRIMARY"]));
  });
});
