#!/usr/bin/env node
// Lint: no source file over 400 lines, no function over 80 — generated code, tests and the
// fixtures under testing/ and test/ (the demo county, generators, the bad-input corpus) aside.
// Files named after one concept stay readable; a longer one is split by concept.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const ROOTS = ["packages", "apps", "bench"];
const SKIP = /(^|\/)(node_modules|dist|generated|testing|test|\.turbo)(\/|$)/;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP.test(full)) continue;
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts"))
      yield full;
  }
}

const problems = [];
for (const root of ROOTS) {
  for (const file of sources(root)) {
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n").length;
    if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines (at most ${MAX_FILE_LINES})`);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.end).line;
        if (end - start + 1 > MAX_FUNCTION_LINES) {
          const name = node.name?.getText() ?? "(anonymous)";
          problems.push(
            `${file}:${start + 1}: function ${name} has ${end - start + 1} lines (at most ${MAX_FUNCTION_LINES})`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
