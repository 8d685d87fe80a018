import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    maxWorkers: 2,
    // Workbooks of tens of thousands of rows are written and read; CI shares two cores between
    // every package's tests (the other packages set their own limits likewise).
    testTimeout: 30_000,
  },
});
