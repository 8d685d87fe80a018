import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // One database per run; files share it, so they run one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
