// A second process for the lock tests (database-lock.test.ts): opens the PGlite directory given
// as its argument, says READY (or LOCKED with the refusal) on stdout, and holds the database
// until its stdin closes or it is killed.
import { tryOpenDatabase } from "./database.ts";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: database-holder.fixture.ts <dataDir>");
const opened = await tryOpenDatabase({ kind: "PGLITE", dataDir });
if (!opened.ok) {
  process.stdout.write(`LOCKED ${JSON.stringify(opened.errors[0])}\n`);
  process.exit(5);
}
process.stdout.write("READY\n");
process.stdin.resume();
process.stdin.on("end", async () => {
  await opened.value.close();
  process.exit(0);
});
