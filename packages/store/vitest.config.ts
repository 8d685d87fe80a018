import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Setup hooks open and migrate databases: on a loaded 2-core machine that takes far past
    // vitest's 10 s default (a PGlite setup hook timed out in CI).
    hookTimeout: 180_000,
    // One database per run; files share it, so they run one at a time.
    fileParallelism: false,
    // Some tests open and migrate a database of their own: give them the hooks' room under load.
    testTimeout: 180_000,
  },
});
