import { type ExactFigure, type RoundingOptions, roundForPresentation } from "@dutylist/core";

// Scores as the API presents them (S8): the field named after a score holds it rounded once, by the
// county's rounding (政策设定), and `…Exact` beside it the exact figure.

/** The presented figure (S8): rounded once, here, by the county's rounding (half-up to 2 places by default). */
export const presented = (value: ExactFigure, rounding: RoundingOptions): string =>
  roundForPresentation(value, rounding);

/** A value with the rounding of its county beside it, for the fields that present its figures. */
export type WithRounding<T> = T & { readonly rounding: RoundingOptions };

/** What the field holding a score says (the figure presented, S8). */
export const PRESENTED = 'presented: rounded once by the county\'s rounding (S8), e.g. "78.53"';
/** What the field holding the exact score says. */
export const EXACT =
  "exact: a rational printed as a decimal, exactly when it terminates, else to 40 significant digits (S8)";
/** Why the `*Rounded` fields stay: queries written before the figures were presented. */
export const SAME_AS_PRESENTED = "the field without `Rounded` is presented now; the exact figure is `…Exact`";
