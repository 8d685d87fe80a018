import {
  createLocalSigningKey,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  mintToken,
} from "@dutylist/auth";
import type { AccessRole, Actor } from "@dutylist/core";
import type { Database } from "@dutylist/store";
import { type ApiOptions, createApi } from "./yoga.ts";

// For tests and benchmarks: an API with an in-memory signing key, and a fetch that signs its
// requests as one actor (by default a deployment-wide administrator); `as` gives the same API
// seen by another actor.

/** A deployment-wide administrator for tests. */
export const TEST_ADMINISTRATOR: Actor = {
  subject: "test:administrator",
  name: "测试管理员",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

/** An API signed in as one actor. */
export interface TestApi {
  /** The server's fetch, with `Authorization: Bearer …` of this actor unless the request sets its own. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The same server, signed in as another actor (an actor, or a role in county QX). */
  as(actor: Actor | AccessRole, countyCode?: string): Promise<TestApi>;
  /** A token for any actor, signed with the server's key. */
  tokenFor(actor: Actor, options?: { expiresIn?: string | number }): Promise<string>;
  readonly actor: Actor;
}

/** An actor of `role` in a county, as the demo county's users are. */
export function actorWithRole(role: AccessRole, countyCode = "QX"): Actor {
  return {
    subject: `test:${countyCode}:${role.toLowerCase()}`,
    name: `测试${role}`,
    role,
    countyCode: role === "PROVINCIAL_APPROVER" ? null : countyCode,
    counties: role === "PROVINCIAL_APPROVER" ? [countyCode] : [],
    townshipCode: role === "TOWNSHIP" ? `${countyCode}-CG` : null,
    departmentCode: role === "DEPARTMENT" ? "ZHZFJ" : null,
  };
}

/**
 * An API over `db` with a fresh signing key, signed in as `actor`.
 * @example const api = await createTestApi(db); await api.fetch("http://127.0.0.1/graphql", { … })
 */
export async function createTestApi(
  db: Database,
  options: Omit<ApiOptions, "verifier"> & { readonly actor?: Actor } = {},
): Promise<TestApi> {
  const key = await createLocalSigningKey();
  const verifier = await createTokenVerifier({
    keys: { kind: "LOCAL", key },
    audience: DEFAULT_AUDIENCE,
    issuer: LOCAL_ISSUER,
  });
  const yoga = createApi(db, { ...options, verifier });
  const tokenFor: TestApi["tokenFor"] = (actor, mint = {}) => mintToken(key, actor, mint);
  const signedIn = async (actor: Actor): Promise<TestApi> => {
    const token = await tokenFor(actor);
    return {
      actor,
      tokenFor,
      as: (next, countyCode) => signedIn(typeof next === "string" ? actorWithRole(next, countyCode) : next),
      fetch(input, init = {}) {
        const request = new Request(input, init);
        if (!request.headers.has("authorization")) request.headers.set("authorization", `Bearer ${token}`);
        return Promise.resolve(yoga.fetch(request));
      },
    };
  };
  return signedIn(options.actor ?? TEST_ADMINISTRATOR);
}
