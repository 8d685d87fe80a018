import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Setup hooks open and migrate databases: on a loaded 2-core machine that takes far past
    // vitest's 10 s default (a PGlite setup hook timed out in CI).
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Workbooks of tens of thousands of rows are written and read; CI shares two cores between
    // every package's tests (the other packages set their own limits likewise).
    testTimeout: 30_000,
  },
});
