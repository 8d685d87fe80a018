import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The smoke test runs four benchmarks in processes of their own: ~30 s idle, more on a busy machine.
    testTimeout: 300_000,
  },
});
