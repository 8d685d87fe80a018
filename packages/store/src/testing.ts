// What tests of the packages above the store need: a database of their own, emptied, and a
// change-log stamp to write with.
export { APPLICATION_TABLES, resetDatabase, testDatabaseTarget } from "./test-database.ts";
export { TEST_ACTOR, testStamp } from "./test-stamp.ts";
