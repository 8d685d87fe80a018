import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTokenVerifier, ensureLocalSigningKey, LOCAL_ISSUER } from "@dutylist/auth";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-io.ts";

describe("dutylist token", () => {
  it("mints a token the server's verifier accepts, for the role and unit asked, creating the key once", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dutylist-token-"));
    const keyFile = path.join(dir, "signing-key.json");
    const minted = await runCli(undefined, [
      "token",
      "--role",
      "TOWNSHIP",
      "--township",
      "QX-BS",
      "--key-file",
      keyFile,
    ]);
    expect(minted.code).toBe(0);
    expect(((await stat(keyFile)).mode & 0o777).toString(8)).toBe("600");
    const { key } = await ensureLocalSigningKey(keyFile);
    const verifier = await createTokenVerifier({
      keys: { kind: "LOCAL", key },
      audience: "dutylist",
      issuer: LOCAL_ISSUER,
    });
    const verified = await verifier.authenticate(`Bearer ${minted.stdout.trim()}`);
    expect(verified).toMatchObject({
      ok: true,
      actor: { role: "TOWNSHIP", countyCode: "QX", townshipCode: "QX-BS" },
    });
    expect((await runCli(undefined, ["token", "--role", "INSPECTOR", "--key-file", keyFile])).code).toBe(0);
    expect(JSON.parse(await readFile(keyFile, "utf8")).kid).toBe(key.kid);
  });

  it("refuses a role it does not know, naming the roles (exit 2)", async () => {
    const refused = await runCli(undefined, ["token", "--role", "ROOT"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("INSPECTOR");
  });
});
