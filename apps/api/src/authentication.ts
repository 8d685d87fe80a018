import type { TokenVerifier } from "@dutylist/auth";
import type { Actor } from "@dutylist/core";
import type { Plugin } from "graphql-yoga";

// Who a request acts as, decided once in front of everything else (GraphQL and downloads): the
// bearer token verified (jose, see @dutylist/auth), and the browser origin checked against the
// allow-list. A bad token is answered 401 with the reason; no token is anonymous, and anonymous
// requests are refused by the access matrix wherever they ask for anything.

const actors = new WeakMap<Request, Actor | null>();

/**
 * The actor the request's verified token names; null when it carried none.
 * @example actorOf(request)?.role // "INSPECTOR"
 */
export function actorOf(request: Request): Actor | null {
  return actors.get(request) ?? null;
}

/** What the authentication plugin needs. */
export interface AuthenticationOptions {
  readonly verifier: TokenVerifier;
  /**
   * Browser origins allowed besides the API's own (DUTYLIST_CORS_ORIGINS); a request from any
   * other origin is refused with 403 before it is read.
   */
  readonly corsOrigins: readonly string[];
}

function refusal(ResponseCtor: typeof Response, status: number, code: string, message: string): Response {
  return new ResponseCtor(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      ...(status === 401 ? { "www-authenticate": 'Bearer error="invalid_token"' } : {}),
    },
  });
}

/**
 * A yoga plugin, first in the chain: refuses requests from origins outside the allow-list, and
 * requests whose token does not verify; remembers the actor for the context and the downloads.
 * @example createYoga({ schema, plugins: [useAuthentication({ verifier, corsOrigins: [] })] })
 */
export function useAuthentication(options: AuthenticationOptions): Plugin {
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      const origin = request.headers.get("origin");
      if (origin !== null && origin !== url.origin && !options.corsOrigins.includes(origin)) {
        endResponse(
          refusal(
            fetchAPI.Response,
            403,
            "ORIGIN_NOT_ALLOWED",
            `来源 ${origin} 不在允许列表中(DUTYLIST_CORS_ORIGINS),请求被拒绝`,
          ),
        );
        return;
      }
      const authentication = await options.verifier.authenticate(request.headers.get("authorization"));
      if (!authentication.ok) {
        endResponse(refusal(fetchAPI.Response, 401, authentication.code, authentication.message));
        return;
      }
      actors.set(request, authentication.actor);
    },
  };
}
