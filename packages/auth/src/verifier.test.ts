import { generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { demoActor } from "./demo-actors.ts";
import { createLocalSigningKey, DEFAULT_AUDIENCE, LOCAL_ISSUER, mintToken } from "./local-key.ts";
import { createTokenVerifier } from "./verifier.ts";

const key = await createLocalSigningKey();
const verifier = await createTokenVerifier({
  keys: { kind: "LOCAL", key },
  audience: DEFAULT_AUDIENCE,
  issuer: LOCAL_ISSUER,
});
const bearer = (token: string) => `Bearer ${token}`;

describe("bearer tokens (jose)", () => {
  it("a token the local key signed names its actor; no header is anonymous", async () => {
    const inspector = demoActor("INSPECTOR");
    expect(await verifier.authenticate(bearer(await mintToken(key, inspector)))).toEqual({
      ok: true,
      actor: inspector,
    });
    expect(await verifier.authenticate(null)).toEqual({ ok: true, actor: null });
  });

  it("an expired token is refused as expired", async () => {
    const token = await mintToken(key, demoActor("ASSESSOR"), {
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    expect(await verifier.authenticate(bearer(token))).toMatchObject({ ok: false, code: "TOKEN_EXPIRED" });
  });

  it("an unsigned token (alg: none) is refused", async () => {
    const token = new UnsecuredJWT({ role: "ADMINISTRATOR", name: "x" })
      .setSubject("intruder")
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime("1h")
      .encode();
    const result = await verifier.authenticate(bearer(token));
    expect(result).toMatchObject({ ok: false, code: "TOKEN_INVALID" });
    expect(result.ok ? "" : result.message).toContain("alg: none");
  });

  it("a token signed by another key is refused as wrongly signed", async () => {
    const other = await createLocalSigningKey();
    const result = await verifier.authenticate(bearer(await mintToken(other, demoActor("ADMINISTRATOR"))));
    expect(result).toMatchObject({ ok: false, code: "TOKEN_INVALID" });
    expect(result.ok ? "" : result.message).toContain("签名无效");
  });

  it("a token for another audience or from another issuer is refused, naming the claim", async () => {
    const audience = await verifier.authenticate(
      bearer(await mintToken(key, demoActor("BI_READER"), { audience: "other" })),
    );
    expect(audience.ok ? "" : audience.message).toContain("aud");
    const issuer = await verifier.authenticate(
      bearer(await mintToken(key, demoActor("BI_READER"), { issuer: "evil" })),
    );
    expect(issuer.ok ? "" : issuer.message).toContain("iss");
  });

  it("a token signed with an algorithm the verifier does not take is refused", async () => {
    const rsa = await generateKeyPair("RS256");
    const token = await new SignJWT({ role: "ADMINISTRATOR", name: "x" })
      .setProtectedHeader({ alg: "RS256" })
      .setSubject("x")
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime("1h")
      .sign(rsa.privateKey);
    expect(await verifier.authenticate(bearer(token))).toMatchObject({ ok: false, code: "TOKEN_INVALID" });
  });

  it("a verified token without the engine's claims is refused, naming what is missing", async () => {
    const noCounty = { ...demoActor("INSPECTOR"), countyCode: null };
    const result = await verifier.authenticate(bearer(await mintToken(key, noCounty)));
    expect(result).toMatchObject({ ok: false, code: "TOKEN_CLAIMS" });
    expect(result.ok ? "" : result.message).toContain("county");
    const township = { ...demoActor("TOWNSHIP"), townshipCode: null };
    const refused = await verifier.authenticate(bearer(await mintToken(key, township)));
    expect(refused.ok ? "" : refused.message).toContain("township");
  });

  it("a header that is not `Bearer <token>` is refused", async () => {
    expect(await verifier.authenticate("Basic abc")).toMatchObject({ ok: false, code: "TOKEN_INVALID" });
  });
});

describe("verified tokens are remembered until they expire", () => {
  it("a remembered token is refused once its expiry passes", async () => {
    const inSeconds = Math.floor(Date.now() / 1000) + 2;
    const token = await mintToken(key, demoActor("INSPECTOR"), { expiresIn: inSeconds });
    expect(await verifier.authenticate(bearer(token))).toMatchObject({ ok: true });
    expect(await verifier.authenticate(bearer(token))).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, inSeconds * 1000 - Date.now() + 50));
    expect(await verifier.authenticate(bearer(token))).toMatchObject({ ok: false, code: "TOKEN_EXPIRED" });
  });
});
