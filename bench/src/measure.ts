import { cpus, totalmem } from "node:os";

/** Median and minimum of a set of timed rounds, in milliseconds. */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly roundsMs: readonly number[];
}

/** Rounds of a measurement: untimed warm-up rounds first, then the timed ones. */
export interface RoundOptions {
  readonly warmup: number;
  /** Timed rounds at least. */
  readonly rounds: number;
  /**
   * Engine time to measure at least (ms): a small workload gets more timed rounds, up to
   * `maxRounds`, so its median is not one noisy round of a few (default 0: `rounds` only).
   */
  readonly minMeasuredMs?: number;
  /** Timed rounds at most when `minMeasuredMs` asks for more (default 20). */
  readonly maxRounds?: number;
}

/** Memory seen during a benchmark: the largest resident set and heap, in MiB. */
export interface MemoryPeak {
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * A timing from measured rounds.
 * @example timingOf([12, 10, 11]) // { medianMs: 11, minMs: 10, roundsMs: [12, 10, 11] }
 */
export function timingOf(roundsMs: readonly number[]): Timing {
  return { medianMs: median(roundsMs), minMs: Math.min(...roundsMs), roundsMs };
}

/** Collects garbage when the process allows it (`--expose-gc`), so a round does not pay for the last. */
export function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, "gc");
  if (typeof gc === "function") gc();
}

/**
 * Times an engine and its baseline in alternating rounds (baseline, engine, baseline, …), so
 * both see the same machine state; each round starts after a garbage collection. With
 * `minMeasuredMs`, timed rounds go on past `rounds` until the engine's have added up to it.
 * @example await timePair(() => baseline(), () => engine(), { warmup: 1, rounds: 5, minMeasuredMs: 2000 })
 */
export async function timePair(
  baseline: () => unknown,
  engine: () => unknown,
  options: RoundOptions,
): Promise<{ readonly baseline: Timing; readonly engine: Timing }> {
  const base: number[] = [];
  const eng: number[] = [];
  const minMeasuredMs = options.minMeasuredMs ?? 0;
  const maxRounds = Math.max(options.rounds, options.maxRounds ?? 20);
  let measuredMs = 0;
  const more = (round: number) =>
    round < options.warmup + options.rounds ||
    (measuredMs < minMeasuredMs && round < options.warmup + maxRounds);
  for (let round = 0; more(round); round++) {
    const timed = round >= options.warmup;
    collectGarbage();
    let started = performance.now();
    await baseline();
    if (timed) base.push(performance.now() - started);
    collectGarbage();
    started = performance.now();
    await engine();
    if (timed) {
      eng.push(performance.now() - started);
      measuredMs += eng[eng.length - 1] ?? 0;
    }
  }
  return { baseline: timingOf(base), engine: timingOf(eng) };
}

/**
 * Samples the process's memory every 50 ms while `run` runs (an asynchronous benchmark yields
 * often enough); the peak includes the resident set the OS reports as the process's maximum.
 * @example const { value, peak } = await withMemoryPeak(() => work())
 */
export async function withMemoryPeak<T>(run: () => Promise<T>): Promise<{ value: T; peak: MemoryPeak }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const value = await run();
    sample();
    return { value, peak: { rssMiB: mib(rss), heapUsedMiB: mib(heap) } };
  } finally {
    clearInterval(timer);
  }
}

/** Bytes in MiB, one decimal. */
export function mib(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/** The machine a run measured. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

/** This machine. */
export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** A seeded pseudo-random generator (mulberry32): the same questions in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
