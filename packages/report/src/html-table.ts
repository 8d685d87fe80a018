// HTML text and tables for the report: every piece of data is escaped here, once; only markup the
// report builds itself (and the SVG ECharts renders, whose text ECharts escapes) is trusted.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text made safe for HTML content and attribute values.
 * @example escapeHtml(`<b>"城关镇" & 白沙镇</b>`) // "&lt;b&gt;&quot;城关镇&quot; &amp; 白沙镇&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A cell: text (escaped when written), a count, or nothing (an empty cell). */
export type TableCell = string | number | null;

/** One column of a table: its header, and whether its figures are right-aligned. */
export interface TableColumn {
  readonly header: string;
  readonly numeric?: boolean;
}

/** Options of `renderTable`. */
export interface RenderTableOptions {
  /** A class on the `<table>` (e.g. `ranking`), for the print CSS and for tests. */
  readonly className?: string;
  /** What an empty table says instead of showing no rows. */
  readonly empty?: string;
}

function cell(tag: "td" | "th", value: TableCell, numeric: boolean): string {
  const text = value === null ? "" : escapeHtml(String(value));
  return numeric ? `<${tag} class="num">${text}</${tag}>` : `<${tag}>${text}</${tag}>`;
}

/**
 * A table with a repeating header (`<thead>`, repeated on each printed page), every cell escaped.
 * @example renderTable([{ header: "名次", numeric: true }, { header: "乡镇(街道)" }], [[1, "城关镇"]]) // "<table><thead>…<td class=\"num\">1</td><td>城关镇</td>…"
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[],
  options: RenderTableOptions = {},
): string {
  const open =
    options.className === undefined ? "<table>" : `<table class="${escapeHtml(options.className)}">`;
  const head = `<thead><tr>${columns.map((c) => cell("th", c.header, c.numeric === true)).join("")}</tr></thead>`;
  const body =
    rows.length === 0
      ? `<tr><td class="empty" colspan="${columns.length}">${escapeHtml(options.empty ?? "无")}</td></tr>`
      : rows
          .map(
            (row) =>
              `<tr>${columns.map((c, i) => cell("td", row[i] ?? null, c.numeric === true)).join("")}</tr>`,
          )
          .join("\n");
  return `${open}${head}<tbody>\n${body}\n</tbody></table>`;
}

/**
 * A paragraph of escaped text.
 * @example paragraph("排除记录 3 条") // "<p>排除记录 3 条</p>"
 */
export function paragraph(text: string, className?: string): string {
  return className === undefined
    ? `<p>${escapeHtml(text)}</p>`
    : `<p class="${escapeHtml(className)}">${escapeHtml(text)}</p>`;
}
