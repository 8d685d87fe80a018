import { type DecimalString, ExactDecimal, exact, type RoundingOptions } from "./exact-decimal.ts";

/** What `ExactRational`'s arithmetic takes: another rational, an exact decimal or an integer. */
export type RationalOperand = ExactRational | ExactDecimal | number;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function pow10(places: number): bigint {
  return 10n ** BigInt(places);
}

/** A plain decimal text (`-12.50`, never an exponent) as numerator over a power of ten. */
function parseDecimalText(text: string): { readonly num: bigint; readonly den: bigint } {
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const [whole = "0", fraction = ""] = body.split(".");
  const num = BigInt(`${whole}${fraction}` || "0");
  return { num: negative ? -num : num, den: pow10(fraction.length) };
}

/**
 * An exact rational number (S8): numerator over a positive denominator, in lowest terms, as
 * bigints. Scores are rationals until they are presented, so that a division that does not
 * terminate loses nothing — three thirds of 10 points add up to exactly 10, where 40-digit
 * decimals add up to 9.999…9. The methods mirror the decimal ones scores used to have
 * (`plus`, `times`, `comparedTo`, `toFixed`, …), and `toString()` writes a decimal: exact when the
 * value has a finite decimal expansion, else to 40 significant digits (how the API and the
 * workbooks show an "exact" figure; rounding for presentation is `roundForPresentation`).
 * @example ExactRational.of(10).dividedBy(3).times(3).equals(10) // true
 */
export class ExactRational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** A rational in lowest terms; the denominator must not be zero. */
  static fraction(num: bigint, den: bigint): ExactRational {
    if (den === 0n) throw new Error("ExactRational: division by zero");
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    return new ExactRational((sign * num) / g, (sign * den) / g);
  }

  /**
   * The exact value of a decimal (or a decimal text, or an integer).
   * @example ExactRational.of("2.5").toString() // "2.5"
   */
  static of(value: RationalOperand | DecimalString): ExactRational {
    if (value instanceof ExactRational) return value;
    if (typeof value === "number") {
      if (!Number.isInteger(value)) throw new Error(`ExactRational.of(): not an integer: ${value}`);
      return new ExactRational(BigInt(value), 1n);
    }
    const decimal = typeof value === "string" ? exact(value) : value;
    if (!decimal.isFinite()) throw new Error("ExactRational.of(): not a finite decimal");
    const { num, den } = parseDecimalText(decimal.toFixed());
    return ExactRational.fraction(num, den);
  }

  plus(other: RationalOperand): ExactRational {
    const o = ExactRational.of(other);
    return ExactRational.fraction(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  minus(other: RationalOperand): ExactRational {
    const o = ExactRational.of(other);
    return ExactRational.fraction(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  times(other: RationalOperand): ExactRational {
    const o = ExactRational.of(other);
    return ExactRational.fraction(this.num * o.num, this.den * o.den);
  }

  /** Exact division; throws on division by zero (callers test for zero first). */
  dividedBy(other: RationalOperand): ExactRational {
    const o = ExactRational.of(other);
    return ExactRational.fraction(this.num * o.den, this.den * o.num);
  }

  /** -1, 0 or 1. */
  comparedTo(other: RationalOperand): number {
    const o = ExactRational.of(other);
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  equals(other: RationalOperand): boolean {
    return this.comparedTo(other) === 0;
  }
  gt(other: RationalOperand): boolean {
    return this.comparedTo(other) > 0;
  }
  gte(other: RationalOperand): boolean {
    return this.comparedTo(other) >= 0;
  }
  lt(other: RationalOperand): boolean {
    return this.comparedTo(other) < 0;
  }
  lte(other: RationalOperand): boolean {
    return this.comparedTo(other) <= 0;
  }
  /** Aliases of `gt`, `gte`, `lt`, `lte`, as decimal.js names them. */
  greaterThan(other: RationalOperand): boolean {
    return this.gt(other);
  }
  greaterThanOrEqualTo(other: RationalOperand): boolean {
    return this.gte(other);
  }
  lessThan(other: RationalOperand): boolean {
    return this.lt(other);
  }
  lessThanOrEqualTo(other: RationalOperand): boolean {
    return this.lte(other);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  /** Always true: a rational is finite (kept for callers written against decimals). */
  isFinite(): boolean {
    return true;
  }

  /** Whether the value has a finite decimal expansion (its denominator is 2^a·5^b). */
  terminates(): boolean {
    let d = this.den;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /**
   * The value as an exact decimal when it terminates, else to 40 significant digits.
   * @example ExactRational.of(1).dividedBy(8).toDecimal().toString() // "0.125"
   */
  toDecimal(): ExactDecimal {
    if (!this.terminates()) return new ExactDecimal(this.num.toString()).dividedBy(this.den.toString());
    let places = 0;
    while (pow10(places) % this.den !== 0n) places++;
    const scaled = (this.num * pow10(places)) / this.den;
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
    const whole = digits.slice(0, digits.length - places);
    const fraction = places > 0 ? `.${digits.slice(digits.length - places)}` : "";
    // The constructor keeps every digit: no rounding to the configured precision.
    return new ExactDecimal(`${negative ? "-" : ""}${whole}${fraction}`);
  }

  /**
   * Fixed-point text. With `places`, rounded exactly (no intermediate decimal) in `mode`
   * (default half-up, away from zero at the half); without, the full decimal (`toDecimal`).
   * @example ExactRational.of(10).dividedBy(3).toFixed(2) // "3.33"
   */
  toFixed(places?: number, mode: RoundingOptions["mode"] = "HALF_UP"): string {
    if (places === undefined) return this.toDecimal().toFixed();
    const scale = pow10(places);
    const negative = this.num < 0n;
    const n = (negative ? -this.num : this.num) * scale;
    let q = n / this.den;
    const r = n % this.den;
    const twice = 2n * r;
    const roundUp =
      mode === "DOWN"
        ? false
        : twice > this.den || (twice === this.den && (mode === "HALF_UP" || q % 2n === 1n));
    if (roundUp) q += 1n;
    const digits = q.toString().padStart(places + 1, "0");
    const whole = digits.slice(0, digits.length - places);
    const fraction = places > 0 ? `.${digits.slice(digits.length - places)}` : "";
    // As decimal.js writes it: a negative value keeps its sign even when it rounds to zero.
    return `${negative ? "-" : ""}${whole}${fraction}`;
  }

  /** The decimal text: exact when it terminates, else 40 significant digits. */
  toString(): string {
    return this.toDecimal().toString();
  }

  /** As `toString()`, so JSON and GraphQL see a decimal string. */
  toJSON(): string {
    return this.toString();
  }

  static max(a: ExactRational, b: ExactRational): ExactRational {
    return a.gte(b) ? a : b;
  }

  static min(a: ExactRational, b: ExactRational): ExactRational {
    return a.lte(b) ? a : b;
  }
}

/** Zero as a rational. */
export const RATIONAL_ZERO = ExactRational.of(0);

/**
 * An exact figure of the core: a decimal (points, record values, sums) or a rational (scores).
 * @example const shown = roundForPresentation(score as ExactFigure)
 */
export type ExactFigure = ExactDecimal | ExactRational;
