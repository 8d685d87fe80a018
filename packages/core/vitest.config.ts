import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Setup hooks open and migrate databases: on a loaded 2-core machine that takes far past
    // vitest's 10 s default (a PGlite setup hook timed out in CI).
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Property tests run hundreds of generated scenarios; on a loaded 2-core machine (benchmarks
    // alongside) the 5 s default timed one out although it passes in ~1 s on an idle one.
    testTimeout: 30_000,
  },
});
