import { buildDirectory, buildListIndex, dispatchByLists, dispatchDesk } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { demoOrders } from "./demo-orders.ts";

describe("H1: the orders written for training", () => {
  const dataset = demoCounty();
  const index = buildListIndex(dataset.entries);
  const directory = buildDirectory(dataset);
  const desk = dispatchDesk(dataset.county);
  const extra = demoOrders("extra");

  it("cover every item of the demo county, and topics no list covers", () => {
    const items = new Set(extra.map((o) => o.expect.itemCode));
    for (const code of ["DJ-001", "CJ-003", "SM-TS-001", "BS-TS-001", "SL-002", "SC-002", "YJ-001"])
      expect(items.has(code)).toBe(true);
    expect(extra.filter((o) => o.expect.itemCode === null).length).toBeGreaterThanOrEqual(10);
  });

  it("are labelled as the lists of their township and day dispatch them (A1–A3)", () => {
    for (const o of extra) {
      if (o.expect.itemCode === null) {
        expect(o.expect.handler).toEqual({ kind: "DESK", code: "QX" });
        continue;
      }
      const d = dispatchByLists(
        index,
        directory,
        desk,
        o.townshipCode ?? "",
        o.receivedOn,
        o.expect.itemCode,
      );
      expect(d.unassigned).toBe(false);
      expect({ kind: d.handlers[0]?.kind, code: d.handlers[0]?.code }).toEqual(o.expect.handler);
    }
  });

  it("repeat no tune order's text", () => {
    const tune = new Set(demoOrders("tune").map((o) => o.text));
    expect(extra.filter((o) => tune.has(o.text))).toEqual([]);
    expect(new Set(extra.map((o) => o.id)).size).toBe(extra.length);
  });
});
