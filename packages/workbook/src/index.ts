export * from "./format.ts";
export * from "./sheet-reader.ts";
export * from "./sheet-table.ts";
