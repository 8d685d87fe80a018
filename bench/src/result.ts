import type { Machine, MemoryPeak, Timing } from "./measure.ts";

/** A target on a ratio: at most (times the baseline's time) or at least (of its throughput). */
export interface Target {
  readonly op: "<=" | ">=";
  readonly value: number;
  /**
   * An absolute target (e.g. `ms`, `s`): judged on the result's `absolute` figure, not on the
   * ratio; the ratio to the baseline is still printed.
   */
  readonly unit?: string;
}

/** One figure of a run: an engine measurement beside its same-run baseline. */
export interface BenchResult {
  /** e.g. `B1`, `B3-pglite-4x`, `B4-determine`. */
  readonly id: string;
  readonly title: string;
  /** What was measured, e.g. `100,000 determinations, 1,237 townships`. */
  readonly size: string;
  /** What the baseline does. */
  readonly baselineName: string;
  readonly engine: Timing;
  readonly baseline: Timing;
  /** Engine time ÷ baseline time (B1–B3, B5), or engine throughput ÷ baseline throughput (B4). */
  readonly ratio: number;
  readonly target: Target | null;
  /** The figure an absolute target (`target.unit`) is judged on. */
  readonly absolute?: number;
  /** `null` when the figure has no target of its own (a scaling point, an informational figure). */
  readonly pass: boolean | null;
  /** Items per timed unit: records, determinations, rows; for costs per item. */
  readonly items: number;
  readonly unit: string;
  readonly memory?: MemoryPeak;
  /** Extra figures: throughput, latencies, per-item costs. */
  readonly extra?: Readonly<Record<string, number | string>>;
  readonly notes?: readonly string[];
}

/** Cost per record at one size of a scaling series, and its distance from the 1× figure. */
export interface ScalingPoint {
  readonly series: string;
  readonly scale: number;
  readonly items: number;
  readonly nsPerItem: number;
  /** (cost − cost at 1×) ÷ cost at 1×. */
  readonly spread: number;
}

/** A scaling series: its points and whether every spread is within ±25 %. */
export interface ScalingSeries {
  readonly series: string;
  readonly points: readonly ScalingPoint[];
  readonly pass: boolean;
}

/** A benchmark that did not run, and why (e.g. no PostgreSQL on this machine). */
export interface Skipped {
  readonly id: string;
  readonly reason: string;
}

/** Builds a result and judges it against its target. */
export function judged(
  result: Omit<BenchResult, "pass" | "ratio"> & { readonly ratio: number },
): BenchResult {
  const { target } = result;
  const figure = target?.unit === undefined ? result.ratio : (result.absolute ?? Number.NaN);
  const pass = target === null ? null : target.op === "<=" ? figure <= target.value : figure >= target.value;
  return { ...result, pass };
}

/** Time ratio of two timings' medians. */
export function timeRatio(engine: Timing, baseline: Timing): number {
  return engine.medianMs / baseline.medianMs;
}

/**
 * A scaling series from (scale, items, median ms) points: cost per item and its spread from the
 * 1× point; within ±25 % everywhere passes.
 * @example scalingSeries("B2", [{ scale: 1, items: 1000, ms: 1 }, { scale: 4, items: 4000, ms: 4.4 }])
 */
export function scalingSeries(
  series: string,
  points: readonly { readonly scale: number; readonly items: number; readonly ms: number }[],
): ScalingSeries {
  const first = points[0];
  const base = first === undefined ? Number.NaN : (first.ms * 1e6) / first.items;
  const out = points.map((p): ScalingPoint => {
    const nsPerItem = (p.ms * 1e6) / p.items;
    return { series, scale: p.scale, items: p.items, nsPerItem, spread: (nsPerItem - base) / base };
  });
  return { series, points: out, pass: out.every((p) => Math.abs(p.spread) <= 0.25) };
}

/** A whole run of `pnpm bench`: what latest.json holds. */
export interface RunReport {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly machine: Machine;
  readonly postgres: string | null;
  readonly results: readonly BenchResult[];
  readonly scaling: readonly ScalingSeries[];
  readonly skipped: readonly Skipped[];
  /** Each benchmark's process: its peak resident set (it ran alone in it) and wall time. */
  readonly processes: readonly BenchProcess[];
  readonly wallSeconds: number;
}

/** What one benchmark's own process reports back. */
export interface BenchProcess {
  readonly id: string;
  readonly peakRssMiB: number;
  readonly seconds: number;
}
