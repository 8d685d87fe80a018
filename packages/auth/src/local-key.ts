import type { webcrypto } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;

import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@dutylist/core";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { claimsOf } from "./claims.ts";

/** The algorithm of the local signing key: ECDSA P-256, small keys and tokens. */
export const LOCAL_ALGORITHM = "ES256";
/** The `iss` of tokens the local key signs. */
export const LOCAL_ISSUER = "dutylist:local";
/** The `aud` every token must carry unless DUTYLIST_JWT_AUDIENCE says otherwise. */
export const DEFAULT_AUDIENCE = "dutylist";

/** The embedded default's key pair: the server verifies with the public half, `token` signs with the private. */
export interface LocalSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

interface StoredKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/**
 * A new key pair in memory (tests; a server without a data directory).
 * @example const key = await createLocalSigningKey()
 */
export async function createLocalSigningKey(): Promise<LocalSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
  return { kid: randomUUID(), privateKey, publicKey };
}

/**
 * The local signing key kept in `file` (created on first use, readable by its owner only), so the
 * embedded default needs no identity provider: the server and `dutylist token` share it.
 * @example const key = await ensureLocalSigningKey(".data/signing-key.json")
 */
export async function ensureLocalSigningKey(
  file: string,
): Promise<{ key: LocalSigningKey; created: boolean }> {
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as StoredKey;
    const privateKey = (await importJWK(stored.privateJwk, stored.alg)) as CryptoKey;
    const publicKey = (await importJWK(stored.publicJwk, stored.alg)) as CryptoKey;
    return { key: { kid: stored.kid, privateKey, publicKey }, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`签名密钥文件 ${file} 无法读取:${(error as Error).message}`);
    }
  }
  const key = await createLocalSigningKey();
  const stored: StoredKey = {
    kid: key.kid,
    alg: LOCAL_ALGORITHM,
    privateJwk: await exportJWK(key.privateKey),
    publicJwk: await exportJWK(key.publicKey),
  };
  await mkdir(path.dirname(file), { recursive: true });
  // "wx": never overwrite a key another process created meanwhile.
  await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: "wx" }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  return ensureLocalSigningKey(file).then(({ key: read }) => ({ key: read, created: true }));
}

/** How long a minted token lasts and whom it is for. */
export interface MintOptions {
  /** A jose time span (`"8h"`, `"30d"`) or seconds since the epoch; default 30 days. */
  readonly expiresIn?: string | number;
  readonly audience?: string;
  readonly issuer?: string;
}

/**
 * A token for `actor`, signed with the local key.
 * @example await mintToken(key, { ...LOCAL_ADMINISTRATOR }, { expiresIn: "8h" })
 */
export async function mintToken(
  key: LocalSigningKey,
  actor: Actor,
  options: MintOptions = {},
): Promise<string> {
  return new SignJWT({ ...claimsOf(actor) })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: key.kid, typ: "JWT" })
    .setSubject(actor.subject)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "30d")
    .sign(key.privateKey);
}
