export { actorFromClaims, claimsOf, type DutyListClaims } from "./claims.ts";
export { demoActor } from "./demo-actors.ts";
export {
  createLocalSigningKey,
  DEFAULT_AUDIENCE,
  ensureLocalSigningKey,
  LOCAL_ALGORITHM,
  LOCAL_ISSUER,
  type LocalSigningKey,
  type MintOptions,
  mintToken,
} from "./local-key.ts";
export {
  type AuthConfig,
  type Authentication,
  authConfigFromEnv,
  createTokenVerifier,
  type KeySource,
  type TokenRefusal,
  type TokenVerifier,
} from "./verifier.ts";
