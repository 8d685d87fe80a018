import { createRequire } from "node:module";

// Columns a string takes in a terminal, as cli-table3 measures its cells: string-width (East
// Asian Width: CJK and full-width forms two columns; emoji two; ambiguous-width characters such
// as “” — · one, as terminals draw them by default; ANSI colours none). Help texts, tables and
// progress lines share it, so they line up with each other.
const require = createRequire(import.meta.url);
// cli-table3 0.6.5 has no `exports` map: its utils module is reachable, and the one it pads with.
const { strlen } = require("cli-table3/src/utils") as { strlen: (text: string) => number };

/**
 * Columns `text` takes in a terminal (its widest line).
 * @example displayWidth("城关镇") // 6
 * @example displayWidth("QX-CG") // 5
 */
export function displayWidth(text: string): number {
  return strlen(text);
}
