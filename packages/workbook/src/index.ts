export {
  ASPECT_WORDS,
  BINDING_SYNTAX,
  type BindingReading,
  bindingText,
  LIST_TYPE_WORDS,
  METHOD_WORDS,
  readBinding,
  SUBJECT_WORDS,
  TRACK_WORDS,
  type Vocabulary,
} from "./assessment-cells.ts";
export * from "./assessment-export.ts";
export * from "./assessment-reconcile.ts";
export * from "./assessment-records.ts";
export * from "./assessment-sheets.ts";
export * from "./county-import.ts";
export * from "./county-workbook.ts";
export * from "./csv.ts";
export * from "./csv-text.ts";
export * from "./file-signature.ts";
export * from "./format.ts";
export * from "./info-sheet.ts";
export * from "./list-export.ts";
export * from "./list-rows.ts";
export * from "./output-tables.ts";
export * from "./reference-sheets.ts";
export * from "./result-sheets.ts";
export * from "./score-facts.ts";
export * from "./sheet-reader.ts";
export * from "./sheet-table.ts";
export * from "./task-rows.ts";
export * from "./workbook-file-error.ts";
export * from "./workbook-files.ts";
export * from "./workbook-import.ts";
