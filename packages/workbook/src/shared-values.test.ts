import { canonicalJson } from "@dutylist/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonHash, SharedValues, sameJson } from "./shared-values.ts";

const json = fc.jsonValue({ maxDepth: 3 });

describe("sameJson", () => {
  it("is equality of canonical JSON, on any JSON values", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });

  it("ignores key order and fields set to undefined, not missing elements or other types", () => {
    expect(sameJson({ a: 1, b: [2, { c: "x" }] }, { b: [2, { c: "x" }], a: 1, d: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, 2], [1, 2, undefined])).toBe(false);
    expect(sameJson({ 0: "a" }, ["a"])).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
  });
});

describe("jsonHash", () => {
  it("hashes values that are sameJson alike, whatever their key order", () => {
    fc.assert(
      fc.property(json, (a) => {
        const reordered = JSON.parse(canonicalJson(a)) as unknown;
        expect(jsonHash(reordered)).toBe(jsonHash(a));
        expect(jsonHash({ x: a, y: undefined })).toBe(jsonHash({ x: a }));
      }),
    );
  });

  it("tells apart values that differ in one place", () => {
    expect(jsonHash({ a: 1, b: "x" })).not.toBe(jsonHash({ a: 1, b: "y" }));
    expect(jsonHash([1, 2])).not.toBe(jsonHash([2, 1]));
    expect(jsonHash({ a: "b" })).not.toBe(jsonHash({ b: "a" }));
    expect(jsonHash("1")).not.toBe(jsonHash(1));
  });
});

describe("SharedValues", () => {
  it("returns the first equal value under a key, and never merges values of different keys", () => {
    const shared = new SharedValues<{ name: string }>();
    const first = { name: "农村饮水安全" };
    expect(shared.share("MS-001", first)).toBe(first);
    expect(shared.share("MS-001", { name: "农村饮水安全" })).toBe(first);
    const other = { name: "农村饮水安全" };
    expect(shared.share("MS-002", other)).toBe(other);
    const amended = { name: "农村饮水安全保障" };
    expect(shared.share("MS-001", amended)).toBe(amended);
    expect(shared.share("MS-001", { name: "农村饮水安全保障" })).toBe(amended);
  });

  it("keeps one object per distinct value, however many there are under a key", () => {
    const shared = new SharedValues<{ township: number; tasks: string[] }>();
    const firsts = Array.from({ length: 500 }, (_, n) => ({ township: n, tasks: ["巡查", `第${n}片区`] }));
    for (const value of firsts) expect(shared.share("ZA-001", value)).toBe(value);
    for (const value of firsts)
      expect(shared.share("ZA-001", { tasks: [...value.tasks], township: value.township })).toBe(value);
  });
});
