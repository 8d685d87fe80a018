// What tests of the packages above the store need: a database of their own, emptied.
export { APPLICATION_TABLES, resetDatabase, testDatabaseTarget } from "./test-database.ts";
