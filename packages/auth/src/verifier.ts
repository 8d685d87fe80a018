import type { webcrypto } from "node:crypto";
import type { Actor } from "@dutylist/core";
import { createRemoteJWKSet, errors, importSPKI, type JWTVerifyGetKey, jwtVerify } from "jose";
import { actorFromClaims } from "./claims.ts";
import { DEFAULT_AUDIENCE, LOCAL_ALGORITHM, LOCAL_ISSUER, type LocalSigningKey } from "./local-key.ts";

/** Where the keys that sign tokens come from. */
export type KeySource =
  /** An identity provider's key set (single sign-on): DUTYLIST_JWKS_URL. */
  | { readonly kind: "JWKS_URL"; readonly url: string }
  /** One public key in PEM (SPKI): DUTYLIST_JWT_PUBLIC_KEY, with DUTYLIST_JWT_ALG (default RS256). */
  | { readonly kind: "PUBLIC_KEY"; readonly pem: string; readonly algorithm: string }
  /** The embedded default: the key in the data directory. */
  | { readonly kind: "LOCAL"; readonly key: LocalSigningKey };

export interface AuthConfig {
  readonly keys: KeySource;
  /** The `aud` a token must carry. */
  readonly audience: string;
  /** The `iss` a token must carry; null accepts any issuer of the key. */
  readonly issuer: string | null;
}

/** Why a presented token was refused, in words a caller can act on. */
export interface TokenRefusal {
  readonly code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_CLAIMS";
  readonly message: string;
}

export type Authentication =
  | { readonly ok: true; readonly actor: Actor | null }
  | ({ readonly ok: false } & TokenRefusal);

/** Verifies the bearer token of a request, if any. */
export interface TokenVerifier {
  /** A missing header is anonymous (actor null); a header with a bad token is refused. */
  authenticate(authorization: string | null): Promise<Authentication>;
}

/**
 * The verification settings from the environment: a JWKS URL or a public key for a real
 * deployment, else the local key; the audience and issuer to require.
 * @example authConfigFromEnv(process.env, localKey)
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv, local: LocalSigningKey | null): AuthConfig {
  const audience = env.DUTYLIST_JWT_AUDIENCE ?? DEFAULT_AUDIENCE;
  const issuer = env.DUTYLIST_JWT_ISSUER ?? null;
  if (env.DUTYLIST_JWKS_URL)
    return { keys: { kind: "JWKS_URL", url: env.DUTYLIST_JWKS_URL }, audience, issuer };
  if (env.DUTYLIST_JWT_PUBLIC_KEY)
    return {
      keys: {
        kind: "PUBLIC_KEY",
        pem: env.DUTYLIST_JWT_PUBLIC_KEY,
        algorithm: env.DUTYLIST_JWT_ALG ?? "RS256",
      },
      audience,
      issuer,
    };
  if (local === null)
    throw new Error("没有配置令牌验证密钥:设置 DUTYLIST_JWKS_URL 或 DUTYLIST_JWT_PUBLIC_KEY");
  return { keys: { kind: "LOCAL", key: local }, audience, issuer: issuer ?? LOCAL_ISSUER };
}

/** How many verified tokens a verifier remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS = 1_000;

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired)
    return { code: "TOKEN_EXPIRED", message: "令牌已过期,请重新登录获取" };
  if (error instanceof errors.JWTClaimValidationFailed)
    return {
      code: "TOKEN_INVALID",
      message: `令牌的 ${error.claim} 不符(${error.reason}):不是签发给本系统的令牌`,
    };
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return { code: "TOKEN_INVALID", message: "令牌的签名算法不被接受(未签名的令牌 alg: none 一律拒绝)" };
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return { code: "TOKEN_INVALID", message: "令牌签名无效:不是受信任的密钥签发的" };
  return { code: "TOKEN_INVALID", message: `令牌无法解析:${(error as Error).message}` };
}

/**
 * A verifier for the configured keys: signature, expiry, audience and issuer checked by jose,
 * then the engine's claims (`actorFromClaims`).
 * @example const verifier = await createTokenVerifier(config); await verifier.authenticate("Bearer eyJ…")
 */
export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const { keys } = config;
  let key: webcrypto.CryptoKey | JWTVerifyGetKey;
  let algorithms: string[] | undefined;
  if (keys.kind === "JWKS_URL") key = createRemoteJWKSet(new URL(keys.url));
  else if (keys.kind === "PUBLIC_KEY") {
    key = await importSPKI(keys.pem, keys.algorithm);
    algorithms = [keys.algorithm];
  } else {
    key = keys.key.publicKey;
    algorithms = [LOCAL_ALGORITHM];
  }
  const options = {
    audience: config.audience,
    ...(config.issuer === null ? {} : { issuer: config.issuer }),
    ...(algorithms === undefined ? {} : { algorithms }),
  };
  // Tokens already verified, with their expiry: a client sends the same token on every request,
  // and a signature check costs more than many a query. Bounded; expiry is checked on every use.
  const verified = new Map<string, { readonly actor: Actor; readonly expiresAt: number }>();
  return {
    async authenticate(authorization) {
      if (authorization === null || authorization.trim() === "") return { ok: true, actor: null };
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (token === undefined)
        return { ok: false, code: "TOKEN_INVALID", message: "Authorization 头须为 `Bearer <令牌>`" };
      const known = verified.get(token);
      if (known !== undefined && known.expiresAt > Date.now()) return { ok: true, actor: known.actor };
      verified.delete(token);
      try {
        const { payload } =
          typeof key === "function"
            ? await jwtVerify(token, key, options)
            : await jwtVerify(token, key, options);
        const read = actorFromClaims(payload);
        if (!read.ok) return { ok: false, code: "TOKEN_CLAIMS", message: read.problem };
        if (payload.exp !== undefined) {
          if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value ?? "");
          verified.set(token, { actor: read.actor, expiresAt: payload.exp * 1000 });
        }
        return { ok: true, actor: read.actor };
      } catch (error) {
        return { ok: false, ...refusalOf(error) };
      }
    },
  };
}
