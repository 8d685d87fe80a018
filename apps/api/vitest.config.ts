import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// graphql 16 ships CJS (main) and ESM (module) builds; Node loads the CJS one for Pothos and
// yoga, so tests must too, or schema objects come from "another realm".
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: { include: ["src/**/*.test.ts"], fileParallelism: false, testTimeout: 60_000 },
});
