import { describe, expect, it } from "vitest";
import { OrderClassifier } from "./classifier.ts";

describe("H1: naive Bayes over the county's handled orders", () => {
  const trained = () => {
    const c = new OrderClassifier(0.1);
    c.learn("SL-002", ["抽沙", "船", "²抽沙", "河"]);
    c.learn("SL-002", ["挖沙", "²挖沙", "河", "卡车"]);
    c.learn("SL-001", ["垃圾", "漂浮", "河"]);
    c.learn("∅", ["快递", "取件"]);
    return c;
  };

  it("knows nothing before it learnt an order", () => {
    expect(new OrderClassifier().posteriors(["河"])).toEqual([]);
    expect(trained().size).toBe(4);
  });

  it("ranks the class whose orders share the terms first; the shares add up to 1", () => {
    const p = trained().posteriors(["挖沙", "船", "河"]);
    expect(p[0]?.label).toBe("SL-002");
    expect(p.map((x) => x.label).sort()).toEqual(["SL-001", "SL-002", "∅"]);
    expect(p.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 10);
    expect(trained().posteriors(["垃圾", "河"])[0]?.label).toBe("SL-001");
  });

  it("counts a term once per order, and leaves out terms no order had", () => {
    const once = trained().posteriors(["垃圾"]);
    expect(trained().posteriors(["垃圾", "垃圾", "从未见过"])).toEqual(once);
  });

  it("a temperature above 1 flattens the shares, keeping their order", () => {
    const sharp = trained().posteriors(["挖沙", "河"]);
    const flat = trained().posteriors(["挖沙", "河"], 5);
    expect(flat.map((x) => x.label)).toEqual(sharp.map((x) => x.label));
    expect(flat[0]?.share).toBeLessThan(sharp[0]?.share ?? 0);
    expect(flat[0]?.share).toBeGreaterThan(1 / 3);
  });
});
