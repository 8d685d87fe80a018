export {
  DEFAULT_MAX_EXCLUDED_ROWS,
  renderAssessmentReportHtml,
  reportTitle,
} from "./assessment-report-html.ts";
export { escapeHtml, type TableCell, type TableColumn } from "./html-table.ts";
export {
  CHART_WIDTH,
  type DepartmentBar,
  departmentScoresChart,
  REPORT_FONTS,
  renderSvgChart,
  type TownshipBar,
  townshipTotalsChart,
} from "./report-charts.ts";
export {
  type AssessmentReportInput,
  type PreviousIndicatorCounts,
  type RenderAssessmentReportOptions,
  type ReportCompression,
  reportCompression,
} from "./report-input.ts";
