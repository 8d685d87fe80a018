export {
  checkImport,
  type ImportCheck,
  type ImportCheckOptions,
  importWrite,
  isEmptyWrite,
} from "./import-check.ts";
