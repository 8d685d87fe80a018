export { fromDateColumn, toDateColumn } from "./calendar-columns.ts";
export { countyExists, loadCountyDataset, saveCountyDataset } from "./county-repository.ts";
export { type Database, type DatabaseTarget, openDatabase, targetFromEnv } from "./database.ts";
export { listDeterminations, saveDetermination } from "./determination-repository.ts";
export { type StoreError, toStoreError } from "./store-error.ts";
