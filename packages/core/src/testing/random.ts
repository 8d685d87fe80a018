/**
 * A small seeded pseudo-random generator for synthetic data. Integer arithmetic only (sfc32
 * seeded through splitmix32), so a seed gives the same sequence on every engine and platform;
 * nothing here reads the clock or `Math.random`.
 */

/** Any value but `undefined` and `null`: list helpers use `undefined` to detect a bad index. */
export type Present = NonNullable<unknown>;

/** Bounds of an integer draw, both inclusive. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** A deterministic stream of random choices. */
export interface Random {
  /** A float in `[0, 1)`. */
  next(): number;
  /** An integer in `[min, max]`, both inclusive. */
  int(min: number, max: number): number;
  /** `true` with the given probability. */
  chance(probability: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T extends Present>(items: readonly T[]): T;
  /** One element, with probability proportional to `weight(element)`. */
  pickWeighted<T extends Present>(items: readonly T[], weight: (item: T) => number): T;
  /** A shuffled copy (Fisher–Yates); the input is not modified. */
  shuffle<T extends Present>(items: readonly T[]): T[];
  /** `count` distinct elements in random order. Throws when the list is shorter. */
  sample<T extends Present>(items: readonly T[], count: number): T[];
  /**
   * An approximately normal integer: the mean plus `sd` times the Irwin–Hall sum of twelve
   * uniforms (no `Math.log`/`Math.cos`, whose last bits may differ between engines), rounded and
   * clamped to `range` when given.
   */
  normalInt(mean: number, sd: number, range?: IntRange): number;
  /**
   * An independent stream named by `label`. It depends only on the seed and the labels, not on
   * how much of this stream was used, so adding draws in one phase does not shift another.
   */
  fork(label: string): Random;
}

const TWO_TO_32 = 4_294_967_296;

function hashLabel(label: string): number {
  // FNV-1a over UTF-16 code units.
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    private readonly seed: number,
    private readonly label: string,
  ) {
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_TO_32) >>> 0;
    // splitmix32 spreads the (seed, label) pair over the four words of state.
    let x = mix32(mix32(low ^ Math.imul(high, 0x9e3779b1)) ^ hashLabel(label));
    const nextWord = () => {
      x = (x + 0x9e3779b9) | 0;
      return mix32(x);
    };
    this.a = nextWord();
    this.b = nextWord();
    this.c = nextWord();
    this.d = nextWord();
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / TWO_TO_32;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}): bounds must be integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T extends Present>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }

  pickWeighted<T extends Present>(items: readonly T[], weight: (item: T) => number): T {
    const weights = items.map((item) => Math.max(0, weight(item)));
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (total <= 0) return this.pick(items);
    let remaining = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      remaining -= weights[i] ?? 0;
      const item = items[i];
      if (remaining < 0 && item !== undefined) return item;
    }
    // Rounding can leave a sliver at the end: the last element with a positive weight takes it.
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item !== undefined && (weights[i] ?? 0) > 0) return item;
    }
    return this.pick(items);
  }

  shuffle<T extends Present>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  sample<T extends Present>(items: readonly T[], count: number): T[] {
    if (!Number.isInteger(count) || count < 0 || count > items.length) {
      throw new RangeError(`sample of ${count} from a list of ${items.length}`);
    }
    const copy = [...items];
    // Partial Fisher–Yates: only the first `count` positions are settled.
    for (let i = 0; i < count; i++) {
      const j = this.int(i, copy.length - 1);
      const a = copy[i];
      const b = copy[j];
      if (a === undefined || b === undefined) throw new Error("unreachable: index out of range");
      copy[i] = b;
      copy[j] = a;
    }
    copy.length = count;
    return copy;
  }

  normalInt(mean: number, sd: number, range?: IntRange): number {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += this.next();
    const value = Math.round(mean + sd * (sum - 6));
    if (range === undefined) return value;
    return Math.min(range.max, Math.max(range.min, value));
  }

  fork(label: string): Random {
    return new Sfc32(this.seed, `${this.label}/${label}`);
  }
}

/**
 * A seeded stream; the same `seed` (a safe integer) and `label` always give the same draws.
 * @example createRandom(42).int(10, 30) // the same number on every run
 */
export function createRandom(seed: number, label = ""): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  return new Sfc32(seed, label);
}
