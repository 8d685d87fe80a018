import { writeFile } from "node:fs/promises";
import path from "node:path";
import { printSchema } from "graphql";
import { schema } from "./schema/index.ts";

/** Writes the schema to apps/api/schema.graphql (committed; a test fails when it drifts). */
export const SCHEMA_FILE = path.join(import.meta.dirname, "..", "schema.graphql");

if (process.argv[1] === import.meta.filename) {
  await writeFile(SCHEMA_FILE, `${printSchema(schema)}\n`);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
