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

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Whether `text` is a plain decimal number (`12`, `-3.25`; no exponent, no spaces). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_TEXT.test(text);
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
 * text, e.g. `"78.53"`.
 * @example roundForPresentation(exact("78.525")) // "78.53"
 */
export function roundForPresentation(
  value: ExactDecimal,
  options: RoundingOptions = DEFAULT_ROUNDING,
): DecimalString {
  return value.toFixed(options.places, MODES[options.mode]);
}
