import type { Database } from "@dutylist/store";
import { createYoga } from "graphql-yoga";
import { createCaches, createContext } from "./context.ts";
import { useDownloads } from "./downloads.ts";
import type { Clock } from "./knowledge-date.ts";
import { useQueryLimits } from "./query-limits.ts";
import { MAX_REQUEST_BYTES, useRequestSizeLimit } from "./request-size.ts";
import { schema } from "./schema/index.ts";
import { useStorableStrings } from "./string-arguments.ts";

/** How an API instance is set up. */
export interface ApiOptions {
  /** The largest request body read, in bytes; larger ones are answered 413. */
  readonly maxRequestBytes?: number;
  /** Where the time is read (the day changes are recorded on, L2); the system clock by default. */
  readonly clock?: Clock;
}

/**
 * The GraphQL server as a fetch handler: GraphiQL at /graphql, unexpected errors masked (domain
 * errors reach clients as typed union members instead), and the file downloads under /export/.
 */
export function createApi(db: Database, options: ApiOptions = {}) {
  // Shared by every request of this instance: loaded counties and assessment years, by revision.
  const caches = createCaches(db);
  return createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: { title: "乡镇履职事项清单 · GraphQL" },
    maskedErrors: true,
    context: () => createContext(db, caches, options.clock),
    // Bodies are limited by useRequestSizeLimit, at a fraction of yoga's cost per request.
    maxRequestBodySize: false,
    plugins: [
      useDownloads(db, caches),
      useRequestSizeLimit(options.maxRequestBytes ?? MAX_REQUEST_BYTES),
      useQueryLimits(),
      useStorableStrings(),
    ],
  });
}
