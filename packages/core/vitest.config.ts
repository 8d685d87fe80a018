import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    maxWorkers: 2,
    // Property tests run hundreds of generated scenarios; on a loaded 2-core machine (benchmarks
    // alongside) the 5 s default timed one out although it passes in ~1 s on an idle one.
    testTimeout: 30_000,
  },
});
