import { describe, expect, it } from "vitest";
import {
  intervalContains,
  intervalsOverlap,
  isIsoDate,
  isoDate,
  isWellFormedInterval,
} from "./calendar-date.ts";
import { canonicalJson, sha256Hex } from "./sha256.ts";

describe("calendar dates and half-open intervals", () => {
  it("accepts real dates only, in any process time zone", () => {
    expect(["2024-02-29", "2025-12-31", "2025-01-01"].every(isIsoDate)).toBe(true);
    expect(["2025-02-29", "2025-13-01", "2025-1-1", "20250101", "2025-04-31", ""].some(isIsoDate)).toBe(
      false,
    );
    expect(() => isoDate("2025-02-30")).toThrow("2025-02-30");
  });

  it("[from, to) contains from and not to; touching intervals do not overlap", () => {
    const h1 = { from: isoDate("2025-01-01"), to: isoDate("2025-07-01") };
    const h2 = { from: isoDate("2025-07-01"), to: null };
    expect(intervalContains(h1, isoDate("2025-01-01"))).toBe(true);
    expect(intervalContains(h1, isoDate("2025-07-01"))).toBe(false);
    expect(intervalContains(h2, isoDate("2099-01-01"))).toBe(true);
    expect(intervalsOverlap(h1, h2)).toBe(false);
    expect(intervalsOverlap(h1, { from: isoDate("2025-06-30"), to: null })).toBe(true);
    expect(isWellFormedInterval({ from: isoDate("2025-07-01"), to: isoDate("2025-07-01") })).toBe(false);
  });
});

describe("decision-id digest", () => {
  it("computes SHA-256 test vectors, including multi-block and non-ASCII input", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256Hex("中文")).toBe("72726d8818f693066ceb69afa364218b692e62ea92b385782363780f47529c21");
  });

  it("serialises objects with sorted keys so key order never changes the digest", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined })).toBe(
      '{"a":[2,{"c":4,"d":3}],"b":1}',
    );
  });
});
