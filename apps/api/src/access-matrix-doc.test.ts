import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accessMatrixMarkdown } from "./access-matrix-doc.ts";

describe("docs/security.md", () => {
  it("shows the access matrix the API enforces (copy the printed table on a change)", async () => {
    const doc = await readFile(
      path.join(import.meta.dirname, "..", "..", "..", "docs", "security.md"),
      "utf8",
    );
    const table = accessMatrixMarkdown();
    if (!doc.includes(table)) console.log(table);
    expect(doc.includes(table)).toBe(true);
  });
});
