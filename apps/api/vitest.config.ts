import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// graphql 16 ships CJS (main) and ESM (module) builds; Node loads the CJS one for Pothos and
// yoga, so tests must too, or schema objects come from "another realm".
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ["src/**/*.test.ts"],
    // Suites share one database on a PostgreSQL server (DATABASE_URL): one file at a time.
    fileParallelism: false,
    // Setup hooks open, migrate and load the demo county: on a loaded 2-core machine that has
    // taken past 60 s, so hooks get the same room as every other package's.
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
