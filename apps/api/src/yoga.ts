import type { TokenVerifier } from "@dutylist/auth";
import type { Database } from "@dutylist/store";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { createYoga, type GraphiQLOptions } from "graphql-yoga";
import { actorOf, useAuthentication } from "./authentication.ts";
import { createCaches, createContext } from "./context.ts";
import { useDownloads } from "./downloads.ts";
import type { Clock } from "./knowledge-date.ts";
import { useQueryLimits } from "./query-limits.ts";
import { useAssessmentReport } from "./report-route.ts";
import { MAX_REQUEST_BYTES, useRequestSizeLimit } from "./request-size.ts";
import { useResponseCache } from "./response-cache.ts";
import { schema } from "./schema/index.ts";
import { useStorableStrings } from "./string-arguments.ts";

/** How an API instance is set up. */
export interface ApiOptions {
  /** The largest request body read, in bytes; larger ones are answered 413. */
  readonly maxRequestBytes?: number;
  /** Where the time is read (the day changes are recorded on, L2); the system clock by default. */
  readonly clock?: Clock;
  /** Verifies bearer tokens (docs/security.md): the local key, a public key or an identity provider's JWKS. */
  readonly verifier: TokenVerifier;
  /** Browser origins allowed besides the API's own (DUTYLIST_CORS_ORIGINS); none by default: CORS off. */
  readonly corsOrigins?: readonly string[];
}

/** GraphiQL's title: the page a browser gets at /graphql. */
export const GRAPHIQL_TITLE = "乡镇履职事项清单 · GraphQL";

/**
 * GraphiQL served from @graphql-yoga/render-graphiql's own bundle (scripts, styles, editor workers
 * inline), not yoga's default page that loads them from a CDN: on an intranet with no route out,
 * the default page stays blank. The bundle (~9 MB) is imported on the first visit only, and each
 * page is built once per set of options.
 */
function offlineGraphiQL(): (options: GraphiQLOptions) => Promise<string> {
  const pages = new Map<string, Promise<string>>();
  return (options) => {
    const key = JSON.stringify(options);
    let page = pages.get(key);
    if (page === undefined) {
      page = import("@graphql-yoga/render-graphiql").then(({ renderGraphiQL }) => renderGraphiQL(options));
      // A failed import is tried again on the next visit, not remembered.
      page.catch(() => pages.delete(key));
      pages.set(key, page);
    }
    return page;
  };
}

/**
 * The GraphQL server as a fetch handler: GraphiQL at /graphql (offline: its assets are served
 * inline, nothing is fetched from elsewhere), unexpected errors masked (domain
 * errors reach clients as typed union members instead), and the file downloads under /export/.
 * Every request is authenticated first (bearer token, origin allow-list), every field and
 * download checked against the access matrix; simple requests (forms, GET without a header) cannot
 * run operations (CSRF prevention).
 */
export function createApi(db: Database, options: ApiOptions) {
  const corsOrigins = options.corsOrigins ?? [];
  // Shared by every request of this instance: loaded counties and assessment years, by revision.
  const caches = createCaches(db);
  return createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: { title: GRAPHIQL_TITLE },
    renderGraphiQL: offlineGraphiQL(),
    maskedErrors: true,
    context: ({ request }) => createContext(db, caches, options.clock, actorOf(request)),
    // Off unless origins are allowed; never with credentials (tokens travel in a header).
    cors:
      corsOrigins.length === 0
        ? false
        : { origin: [...corsOrigins], credentials: false, allowedHeaders: ["content-type", "authorization"] },
    // Bodies are limited by useRequestSizeLimit, at a fraction of yoga's cost per request.
    maxRequestBodySize: false,
    plugins: [
      useAuthentication({ verifier: options.verifier, corsOrigins }),
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      // /export/report.html (HTML) before the sheet downloads under /export/.
      useAssessmentReport(db, caches, options.clock),
      useDownloads(db, caches),
      useRequestSizeLimit(options.maxRequestBytes ?? MAX_REQUEST_BYTES),
      useQueryLimits(),
      useStorableStrings(),
      // The score facts' answers, kept per actor and question while the county's revision stays.
      useResponseCache(caches.revisions),
    ],
  });
}
