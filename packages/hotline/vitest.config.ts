import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The matcher's index is built once per file; on a loaded 2-core machine that is slow.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
