import Table from "cli-table3";
import { displayWidth } from "./display-width.ts";

// Terminal tables that line up with Chinese text (cli-table3, which measures cells with
// string-width): no borders, two spaces between columns, a rule under the header — the look of
// the CLI's output before, so that it reads the same in a terminal and in a log.

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
} as const;

/**
 * Renders rows under a header with aligned columns.
 * @example renderTable(["乡镇", "角色"], [["城关镇", "主要责任"]])
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ""))),
  );
  const table = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  table.push(
    [...header],
    widths.map((w) => "─".repeat(w)),
    ...rows.map((row) => header.map((_, i) => row[i] ?? "")),
  );
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
