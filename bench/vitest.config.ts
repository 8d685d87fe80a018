import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Setup hooks open and migrate databases: on a loaded 2-core machine that takes far past
    // vitest's 10 s default (a PGlite setup hook timed out in CI).
    hookTimeout: 180_000,
    // The smoke test runs four benchmarks in processes of their own: ~30 s idle, more on a busy machine.
    testTimeout: 300_000,
  },
});
