import { REPORT_FONTS } from "./report-charts.ts";

/**
 * The report's only style sheet, inline: A4 pages with 12 mm margins, table headers repeated on
 * every page, rows and charts never split across pages, and fonts already on the reader's machine
 * (no web font, no script, nothing fetched).
 * @example REPORT_CSS.includes("@page") // true
 */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${REPORT_FONTS}; font-size: 10.5pt; line-height: 1.5; color: #1f1f1f;
  margin: 0 auto; max-width: 186mm; padding: 8mm 0; background: #fff; }
header.cover { border-bottom: 2px solid #2f5597; margin-bottom: 6mm; padding-bottom: 3mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #1f3864; }
h2 { font-size: 14pt; margin: 6mm 0 3mm; color: #1f3864; border-left: 4px solid #2f5597; padding-left: 2mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; }
p { margin: 1.5mm 0; }
p.note, .subtitle { color: #505050; font-size: 9.5pt; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 2mm 0; font-size: 9.5pt; }
dl.facts dt { color: #505050; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bfbfbf; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #dae3f3; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { text-align: center; color: #7f7f7f; }
table.departments td:nth-child(2), table.ranking td:nth-child(2) { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f6f8fc; }
figure.chart { margin: 3mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { text-align: center; font-size: 9pt; color: #505050; margin-top: 1mm; }
ul.notes { font-size: 9pt; color: #404040; padding-left: 5mm; margin: 1mm 0; }
section#tracks, section#departments, section#excluded, section.appendix { break-before: page; page-break-before: always; }
@media screen { body { padding: 10mm 8mm; } }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;
