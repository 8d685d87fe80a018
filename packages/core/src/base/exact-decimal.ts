import { Decimal as BaseDecimal } from "decimal.js";

/**
 * The one configured decimal of the core (S8): scores, points and weights are exact decimals built
 * from strings, never from floats. 40 significant digits keeps averages and ratios exact far past
 * any rounding shown to users; rounding happens once, at presentation (`roundForPresentation`).
 * @example exact("0.1").plus(exact("0.2")).toString() // "0.3"
 */
export const ExactDecimal = BaseDecimal.clone({ precision: 40, rounding: BaseDecimal.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

/** A decimal written as a string, e.g. `"12.5"`: how decimals cross every boundary (API, storage). */
export type DecimalString = string;

/** Whether `text` is a plain decimal number (`12`, `-3.25`; no exponent, no spaces). */
export function isDecimalString(text: string): boolean {
  // /^-?\d+(\.\d+)?$/ by hand: scoring checks every record's values.
  if (typeof text !== "string") return false;
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46) return false;
  const fraction = ++i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  return i === n && i > fraction;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * An exact decimal from its text. Throws for anything else: user input is checked with
 * `isDecimalString` first and reported as a located error.
 * @example exact("2.50").toFixed(2) // "2.50"
 */
export function exact(text: DecimalString | number): ExactDecimal {
  if (typeof text === "number") {
    if (!Number.isInteger(text)) throw new Error(`exact(): pass decimals as strings, not floats: ${text}`);
    return new ExactDecimal(text);
  }
  if (!isDecimalString(text)) throw new Error(`not a decimal number: ${text}`);
  return new ExactDecimal(text);
}

export const ZERO = exact(0);

/** How presented figures are rounded (S8): half-up to 2 places unless the county says otherwise. */
export interface RoundingOptions {
  readonly places: number;
  readonly mode: "HALF_UP" | "HALF_EVEN" | "DOWN";
}

export const DEFAULT_ROUNDING: RoundingOptions = { places: 2, mode: "HALF_UP" };

const MODES = {
  HALF_UP: BaseDecimal.ROUND_HALF_UP,
  HALF_EVEN: BaseDecimal.ROUND_HALF_EVEN,
  DOWN: BaseDecimal.ROUND_DOWN,
} as const;

/**
 * The one rounding of the core, applied only when a figure is presented (S8); returns the fixed
 * text, e.g. `"78.53"`. Takes a decimal or an exact rational score (rounded from the fraction
 * itself: 10/3 → "3.33", and three of them → exactly "10.00").
 * @example roundForPresentation(exact("78.525")) // "78.53"
 */
export function roundForPresentation(
  value: ExactDecimal | RoundableFraction,
  options: RoundingOptions = DEFAULT_ROUNDING,
): DecimalString {
  if ("terminates" in value) return value.toFixed(options.places, options.mode);
  return value.toFixed(options.places, MODES[options.mode]);
}

/**
 * What `roundForPresentation` needs of an exact fraction (`ExactRational`, the scores' type), so
 * that a score is rounded exactly, once, without passing through a 40-digit decimal.
 */
export interface RoundableFraction {
  terminates(): boolean;
  toFixed(places: number, mode: RoundingOptions["mode"]): string;
}

// Sums of record values in millionths, as integers in a double: exact below 2^53.
const SCALE = 1_000_000;
const SCALE_DIGITS = 6;
const SAFE_UNITS = Number.MAX_SAFE_INTEGER;

/**
 * The value of a plain decimal in millionths, or NaN when it has more than six decimal places or
 * more than nine integer digits (then only a decimal sums it exactly).
 */
function toMillionths(text: string): number {
  const n = text.length;
  let i = 0;
  let sign = 1;
  if (text.charCodeAt(0) === 45) {
    sign = -1;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) break;
    whole = whole * 10 + (code - 48);
    if (++digits > 9) return Number.NaN;
  }
  let fraction = 0;
  let places = 0;
  for (i++; i < n; i++) {
    if (++places > SCALE_DIGITS) return Number.NaN;
    fraction = fraction * 10 + (text.charCodeAt(i) - 48);
  }
  for (; places < SCALE_DIGITS; places++) fraction *= 10;
  return sign * (whole * SCALE + fraction);
}

/** `decimalUnits` of a text that is no non-negative plain decimal (S8: such a value is invalid). */
export const NOT_A_DECIMAL = -1;
/** `decimalUnits` of a valid text past the integer fast path: only a decimal sums it exactly. */
export const NEEDS_DECIMAL = -2;

/**
 * One pass over a record's value text for scoring's hot loop: its value in millionths when it is
 * a non-negative plain decimal (`isDecimalString`, no sign) with at most nine integer digits and
 * six places; `NEEDS_DECIMAL` for any other non-negative plain decimal; `NOT_A_DECIMAL` for
 * anything else (negative, exponent, spaces, not a string). Feeds `DecimalSum#addUnits`.
 * @example decimalUnits("12.5") // 12500000
 */
export function decimalUnits(text: unknown): number {
  if (typeof text !== "string") return NOT_A_DECIMAL;
  const n = text.length;
  let i = 0;
  let whole = 0;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    whole = whole * 10 + (code - 48);
  }
  if (i === 0) return NOT_A_DECIMAL;
  let fast = i <= 9;
  let fraction = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return NOT_A_DECIMAL;
    const start = ++i;
    for (; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) return NOT_A_DECIMAL;
      fraction = fraction * 10 + (code - 48);
    }
    if (i === start) return NOT_A_DECIMAL;
    const places = i - start;
    if (places > SCALE_DIGITS) fast = false;
    else for (let p = places; p < SCALE_DIGITS; p++) fraction *= 10;
  } else {
    fraction = 0;
  }
  return fast ? whole * SCALE + fraction : NEEDS_DECIMAL;
}

/**
 * An exact running sum of decimal texts (S8) that stays out of decimal arithmetic while it can:
 * values with at most six places add as integer millionths (exact below 2^53), anything else —
 * or a sum that would pass 2^53 — goes through `ExactDecimal`. The result is exactly the decimal
 * sum of the texts added.
 * @example const s = new DecimalSum(); s.add("0.1"); s.add("0.2"); s.value().toString() // "0.3"
 */
export class DecimalSum {
  private units = 0;
  private rest: ExactDecimal | null = null;

  /** Adds a plain decimal text (`isDecimalString`). */
  add(text: DecimalString): void {
    const units = toMillionths(text);
    const next = this.units + units;
    if (next <= SAFE_UNITS && next >= -SAFE_UNITS) this.units = next;
    else this.rest = (this.rest ?? ZERO).plus(exact(text));
  }

  /**
   * Adds a text already measured by `decimalUnits` (not `NOT_A_DECIMAL`): as `add(text)`, without
   * reading the text again on the fast path.
   */
  addUnits(units: number, text: DecimalString): void {
    const next = this.units + units;
    if (units >= 0 && next <= SAFE_UNITS) this.units = next;
    else this.rest = (this.rest ?? ZERO).plus(exact(text));
  }

  /** Adds another sum. */
  addSum(other: DecimalSum): void {
    const next = this.units + other.units;
    if (next <= SAFE_UNITS && next >= -SAFE_UNITS) this.units = next;
    else this.rest = (this.rest ?? ZERO).plus(new ExactDecimal(other.units).dividedBy(SCALE));
    if (other.rest !== null) this.rest = (this.rest ?? ZERO).plus(other.rest);
  }

  /** The exact sum. */
  value(): ExactDecimal {
    return decimalOfUnits(this.units, this.rest);
  }
}

/**
 * The exact value of a sum kept as `DecimalSum` keeps it: integer millionths (below 2^53) plus
 * what only a decimal could hold (or `null`). For sums kept in typed arrays.
 * @example decimalOfUnits(12_500_000, null).toString() // "12.5"
 */
export function decimalOfUnits(units: number, rest: ExactDecimal | null): ExactDecimal {
  const value = units === 0 ? ZERO : new ExactDecimal(units).dividedBy(SCALE);
  return rest === null ? value : rest.plus(value);
}

/** The largest sum of millionths `DecimalSum` keeps as an integer (2^53 − 1). */
export const MAX_SUM_UNITS = SAFE_UNITS;
